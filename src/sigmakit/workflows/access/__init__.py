"""An access review: who can reach what in the organization, with what permission, and why.

``review(sigma, AccessOptions(...))`` reads the organization (:mod:`.collect`), works out
each member's rows (:mod:`.resolve`) and the findings (:mod:`.findings`), and hands back an
:class:`AccessReview`; :func:`.diff.changes` compares two; :mod:`.html` writes the report.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from ..._errors import InputError
from .collect import Org, Person, collect_org, file_grants
from .diff import CHANGE_FIELDS, AccessChange, changes
from .findings import everyone_teams, findings, need_of
from .model import (
    FINDING_FIELDS,
    ROW_FIELDS,
    AccessReview,
    AccessRow,
    Finding,
    Snapshot,
    load_snapshot,
    save_snapshot,
)
from .resolve import MemberAccess, connection_rows, document_rows

if TYPE_CHECKING:
    from ..._client import Sigma
    from ...types.files import File

__all__ = [
    "CHANGE_FIELDS",
    "FINDING_FIELDS",
    "ROW_FIELDS",
    "AccessChange",
    "AccessOptions",
    "AccessReview",
    "AccessRow",
    "Finding",
    "Snapshot",
    "changes",
    "load_snapshot",
    "review",
    "save_snapshot",
    "scope_of",
]

#: requests in flight at most, by default
DEFAULT_CONCURRENCY = 8


@dataclass(frozen=True)
class AccessOptions:
    """What to review: everyone and everything, or some members (``members`` by id or
    email, ``teams`` by id or name) and some things (``documents`` by id, url id or name,
    ``workspaces`` by id or name, ``folders`` by id or path, ``connections`` by id or
    name). Members and things combine: those members' rows on those things."""

    members: Sequence[str] = ()
    teams: Sequence[str] = ()
    documents: Sequence[str] = ()
    workspaces: Sequence[str] = ()
    folders: Sequence[str] = ()
    connections: Sequence[str] = ()
    concurrency: int = DEFAULT_CONCURRENCY
    #: a member reaching a connection through more grants than this is a finding
    expected_paths: int = 1


def _pick(kind: str, refs: Sequence[str], named: dict[str, str]) -> set[str]:
    """The ids of ``refs`` (ids or names, case-insensitive) among ``named`` (id -> name)."""
    by_name = {n.lower(): i for i, n in named.items()}
    found, missing = set(), []
    for ref in refs:
        hit = ref if ref in named else by_name.get(ref.strip().lower())
        if hit is None:
            missing.append(ref)
        else:
            found.add(hit)
    if missing:
        raise InputError(f"no {kind} {', '.join(repr(m) for m in missing)}")
    return found


def _chosen_people(
    people: dict[str, Person], options: AccessOptions, org: Org | None = None
) -> list[Person]:
    """The members ``options`` name (all without ``members`` and ``teams``); ``org``
    (its teams) is needed only for ``teams``."""
    if not options.members and not options.teams:
        return list(people.values())
    emails = {p.email.lower(): i for i, p in people.items()}
    chosen: set[str] = set()
    missing = []
    for ref in options.members:
        hit = ref if ref in people else emails.get(ref.strip().lower())
        if hit is None:
            missing.append(ref)
        else:
            chosen.add(hit)
    if missing:
        raise InputError(f"no member {', '.join(repr(m) for m in missing)}")
    if org is not None:
        for team_id in _pick("team", options.teams, org.teams):
            chosen |= org.team_members.get(team_id, frozenset())
    return [people[i] for i in sorted(chosen) if i in people]


class _Things:
    """Whether a row is about one of the things asked for."""

    def __init__(self, org: Org, options: AccessOptions) -> None:
        self.any = not (
            options.documents or options.workspaces or options.folders or options.connections
        )
        self.documents = {d.strip().lower() for d in options.documents}
        self.containers = _pick("workspace", options.workspaces, org.workspaces)
        self.connections = _pick("connection", options.connections, org.connections)
        self.folders = {f.strip().strip("/") for f in options.folders}

    def __call__(self, row: AccessRow) -> bool:
        if self.any:
            return True
        if row.kind in ("connection", "connection path"):
            return bool(set(row.within) & self.connections)
        if row.kind not in ("workspace", "folder") and self.documents & {
            row.thing_id.lower(),
            (row.url_id or "").lower(),
            row.name.lower(),
        }:
            return True
        if row.thing_id in self.containers or set(row.within) & self.containers:
            return True
        return any(
            f in (row.thing_id, row.path) or f in row.within or row.path.startswith(f + "/")
            for f in self.folders
        )


def _member_reads(sigma: Sigma, member_id: str) -> tuple[list[File], dict[str, str]]:
    files = sigma.files.of_member(member_id).to_list()
    return files, file_grants(sigma, userId=member_id)


def review(sigma: Sigma, options: AccessOptions) -> AccessReview:
    """Read the organization once and work out every chosen member's access.

    At most ``options.concurrency`` requests are in flight. Findings that need the whole
    organization (workspaces without an admin) are made only when no member or team was
    chosen."""
    if options.concurrency < 1:
        raise InputError("concurrency must be at least 1")
    if options.expected_paths < 1:
        raise InputError("expected paths must be at least 1")
    sent = sigma.requests_sent
    pool = ThreadPoolExecutor(max_workers=options.concurrency)
    try:
        # consumed from the left, so each member's files are dropped once resolved
        reads: deque[tuple[Person, Future[tuple[list[File], dict[str, str]]]]] = deque()

        def queue(people: Sequence[Person]) -> None:
            reads.extend((p, pool.submit(_member_reads, sigma, p.member_id)) for p in people)

        def early(people: dict[str, Person]) -> None:
            # without --team, who is reviewed is known from the member list alone
            if not options.teams:
                queue(_chosen_people(people, options))

        org = collect_org(sigma, pool, early)
        wanted = _Things(org, options)
        if options.teams:
            queue(_chosen_people(org.people, options, org))
        members: list[MemberAccess] = []
        rows: list[AccessRow] = []
        # the names of what is shared with everyone, for its finding (kept: nothing else)
        shared = {i for t in everyone_teams(org) for i in org.team_file_grants.get(t, {})}
        names: dict[str, str] = {}
        while reads:
            person, read = reads.popleft()
            files, own = read.result()
            mine = document_rows(person, files, own, org)
            linked, routes = connection_rows(person, org)
            mine += linked
            names.update((r.thing_id, r.path) for r in mine if r.thing_id in shared)
            members.append(MemberAccess(person, need_of(mine), own, routes))
            rows += [r for r in mine if wanted(r)]
    finally:
        # after a failure (an unknown workspace...), what is queued is not sent
        pool.shutdown(cancel_futures=True)
    whole = not (options.members or options.teams)
    found = findings(
        org, members, whole_org=whole, expected_paths=options.expected_paths, names=names
    )
    rows.sort(key=lambda r: (r.email.lower(), r.path, r.kind))
    return AccessReview(rows, found, scope_of(options), requests=sigma.requests_sent - sent)


def scope_of(options: AccessOptions) -> dict[str, list[str]]:
    """What a review covers, as its snapshot records it: the members and things named, in order of name."""
    return {k: sorted(v) for k, v in asdict(options).items() if isinstance(v, (list, tuple)) and v}

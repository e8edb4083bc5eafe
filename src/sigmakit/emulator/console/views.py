"""What the console's pages show, read from the emulator's stores.

Read-only: nothing here writes to the database. Where a store already renders a record
as the API answers it (a member, a grant, a workbook), the console shows that rendering,
so the console and the API never disagree.
"""

from __future__ import annotations

import json
import math
import string
from dataclasses import dataclass, field
from typing import Any

from ..errors import ApiError, NotFound
from ..state import EmulatorState
from ..store.catalog import CONTROLS
from .jobs import job_row, job_rows

__all__ = ["PER_PAGE", "Pager", "job_rows", "people"]

PER_PAGE = 25
STATUSES = ("active", "inactive", "archived", "all")
#: lower case as SQLite's ``lower()`` makes it (ASCII letters only), to sort by name
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
#: enough for every entry of a list the console shows whole
_EVERYTHING = 100_000


@dataclass(frozen=True)
class Pager:
    page: int
    pages: int
    total: int

    @property
    def previous(self) -> int | None:
        return self.page - 1 if self.page > 1 else None

    @property
    def next(self) -> int | None:
        return self.page + 1 if self.page < self.pages else None


def _pager(total: int, page: int) -> Pager:
    pages = max(1, math.ceil(total / PER_PAGE))
    return Pager(min(max(1, page), pages), pages, total)


def _by_name(name: str) -> str:
    return name.translate(_ASCII_LOWER)


def admin_id(state: EmulatorState) -> str:
    """The member the console reads as where a store asks who is reading: the first admin,
    who may see every file."""
    found = state.store.members.first_admin()
    if found is None:
        raise ApiError(500, "The organization has no admin")
    return str(found)


def names(state: EmulatorState) -> dict[str, str]:
    """Member id -> "First Last" for every member, and team id -> team name."""
    return {**state.store.members.names(), **state.store.teams.names()}


def overview(state: EmulatorState) -> dict[str, Any]:
    store = state.store
    teams = store.teams.list(name=None, description=None, visibility=None, offset=0, limit=1)
    live = store.connections.list(search=None, include_archived=False, offset=0, limit=1)
    counts = {
        "people": store.members.count_present(),
        "teams": teams.total,
        "workspaces": store.files.count_of("workspace"),
        "connections": live.total,
        "workbooks": store.files.count_of("workbook"),
        "jobs": store.jobs.count(),
    }
    return {
        "org": state.store.org.get(),
        "counts": counts,
        "now": state.clock.iso(),
        "requests": state.stats.snapshot()["total"],
    }


# ----- people -----


def people(
    state: EmulatorState, *, q: str, account_type: str, status: str, page: int
) -> tuple[list[dict[str, Any]], Pager]:
    """Members matching a part of their name or email, an account type and a status."""
    members = state.store.members
    pager = _pager(members.count_matching(q=q, account_type=account_type, status=status), page)
    rows = members.matching(
        q=q,
        account_type=account_type,
        status=status,
        offset=(pager.page - 1) * PER_PAGE,
        limit=PER_PAGE,
    )
    return [members.render(r) for r in rows], pager


def status_of(member: dict[str, Any]) -> str:
    if member["isArchived"]:
        return "archived"
    return "inactive" if member["isInactive"] else "active"


def member(state: EmulatorState, member_id: str) -> dict[str, Any]:
    store = state.store
    found = store.members.get(member_id)
    teams = store.teams.memberships(member_id)
    reachable = store.permissions.reachable(member_id, ("workspace",))
    workspaces = [
        {"id": r["id"], "name": r["name"], "permission": reachable[r["id"]]}
        for r in sorted(store.files.of_type("workspace"), key=lambda r: str(r["name"]))
        if r["id"] in reachable
    ]
    grants = [
        {**g, "via": g.get("via"), "target": target}
        for g, target in _grants_held(state, member_id, [t["team_id"] for t in teams])
    ]
    home = found["homeFolderId"]
    documents = [
        {k: r[k] for k in ("id", "name", "type", "updated_at")}
        for r in store.files.below(home, through_archived=True)
        if r["id"] != home and not r["is_archived"]
    ]
    recents = store.files.recents(member_id, offset=0, limit=10).entries
    return {
        "member": found,
        "status": status_of(found),
        "teams": teams,
        "workspaces": workspaces,
        "grants": grants,
        "documents": documents,
        "recents": recents,
    }


def _grants_held(
    state: EmulatorState, member_id: str, team_ids: list[str]
) -> list[tuple[dict[str, Any], dict[str, str]]]:
    """Grants made to the member, or to a team they belong to, with what each is on."""
    rows = state.store.grants.rows(member_id=member_id, team_ids=team_ids)
    team_names = state.store.teams.names()
    out = []
    for row in rows:
        grant = state.store.grants.render(row)
        grant["via"] = team_names.get(row["team_id"]) if row["team_id"] else None
        out.append((grant, target_of(state, row["inode_id"])))
    return out


def target_of(state: EmulatorState, target_id: str) -> dict[str, str]:
    """What a grant is on: a file (workspace, folder, workbook) or a connection."""
    row = state.store.files.rows([target_id]).get(target_id)
    if row is not None:
        return {"id": row["id"], "name": row["name"], "type": row["type"]}
    try:
        connection = state.store.connections.row(target_id)
    except NotFound:
        return {"id": target_id, "name": target_id, "type": "unknown"}
    return {"id": connection["connection_id"], "name": connection["name"], "type": "connection"}


# ----- teams -----


def teams(state: EmulatorState) -> list[dict[str, Any]]:
    return [dict(r) for r in state.store.teams.with_sizes()]


def team(state: EmulatorState, team_id: str) -> dict[str, Any]:
    store = state.store
    found = store.teams.get(team_id)
    admins = store.teams.admins(team_id)
    members = [
        {**store.members.render(r), "isTeamAdmin": admins[r["member_id"]]}
        for r in store.members.by_name(admins)
    ]
    grants = [
        (store.grants.render(r), target_of(state, r["inode_id"]))
        for r in store.grants.rows(team_ids=[team_id])
    ]
    return {"team": found, "members": members, "grants": grants}


# ----- workspaces and folders -----


@dataclass
class Node:
    id: str
    name: str
    type: str
    owner_id: str | None
    children: list[Node] = field(default_factory=list)


def tree(state: EmulatorState, root_id: str) -> Node:
    """The file and everything below it (archived files left out), children by name."""
    rows = sorted(
        state.store.files.below(root_id, through_archived=False),
        key=lambda r: (r["type"] != "folder", _by_name(r["name"])),
    )
    nodes = {r["id"]: Node(r["id"], r["name"], r["type"], r["owner_id"]) for r in rows}
    for r in rows:
        if r["id"] != root_id and r["parent_id"] in nodes:
            nodes[r["parent_id"]].children.append(nodes[r["id"]])
    if root_id not in nodes:
        raise NotFound.of("File", root_id)
    return nodes[root_id]


def workspaces(state: EmulatorState) -> list[dict[str, Any]]:
    store = state.store
    out = []
    for row in sorted(store.files.of_type("workspace"), key=lambda r: _by_name(r["name"])):
        grants = store.grants.rows(on=row["id"])
        out.append(
            {
                "workspace": row,
                "tree": tree(state, row["id"]),
                "grants": [state.store.grants.render(g) for g in grants],
            }
        )
    return out


def workspace(state: EmulatorState, workspace_id: str) -> dict[str, Any]:
    store = state.store
    row = store.workspaces.row(workspace_id)
    grants = [store.grants.render(g) for g in store.grants.rows(on=row["id"])]
    effective = []
    for m in store.members.by_name():
        permission = store.permissions.effective_permission(m["member_id"], workspace_id)
        if permission is not None:
            effective.append({**store.members.render(m), "permission": permission})
    return {
        "workspace": row,
        "tree": tree(state, workspace_id),
        "grants": grants,
        "effective": effective,
    }


# ----- connections -----


def connections(state: EmulatorState) -> list[dict[str, Any]]:
    store = state.store
    every = store.connections.list(
        search=None, include_archived=True, offset=0, limit=_EVERYTHING
    ).entries
    return [
        {**c, "tables": len(store.connections.tables_of(c["connectionId"]))}
        for c in sorted(every, key=lambda c: _by_name(c["name"]))
    ]


def connection(state: EmulatorState, connection_id: str) -> dict[str, Any]:
    store = state.store
    found = store.connections.get(connection_id)
    grants = [store.grants.render(g) for g in store.grants.rows(on=connection_id)]
    catalogue: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for r in sorted(store.connections.tables_of(connection_id), key=lambda r: r["path_key"]):
        path = json.loads(r["path"])
        database = path[0] if len(path) > 2 else ""
        schema = path[-2] if len(path) > 1 else ""
        catalogue.setdefault(database, {}).setdefault(schema, []).append(
            {"name": path[-1], "urlId": r["url_id"], "lastSyncedAt": r["last_synced_at"]}
        )
    return {"connection": found, "grants": grants, "catalogue": catalogue}


# ----- workbooks -----


def workbooks(state: EmulatorState, *, q: str, page: int) -> tuple[list[dict[str, Any]], Pager]:
    everything = state.store.workbooks.list_for(
        admin_id(state), offset=0, limit=_EVERYTHING, skip_permission_check=True, exclude_tags=True
    ).entries
    needle = q.strip().lower()
    found = [w for w in everything if not needle or needle in w["name"].lower()]
    pager = _pager(len(found), page)
    start = (pager.page - 1) * PER_PAGE
    return found[start : start + PER_PAGE], pager


def workbook(state: EmulatorState, workbook_id: str) -> dict[str, Any]:
    store = state.store
    reader = admin_id(state)
    found = store.workbooks.get(workbook_id, reader)
    pages = []
    for p in store.workbooks.page_rows(workbook_id):
        elements = []
        for e in store.workbooks.element_rows(workbook_id, p["page_id"]):
            entry = store.workbooks.render_element(e)
            entry["isInputTable"] = e["type"] == "input-table"
            if e["control_id"] is not None:
                spec = CONTROLS[e["control_id"]]
                entry["control"] = {
                    "controlId": spec.control_id,
                    "valueType": spec.value_type,
                    "column": spec.column,
                }
            elements.append(entry)
        pages.append(
            {
                "pageId": p["page_id"],
                "name": p["name"],
                "hidden": bool(p["hidden"]),
                "elements": elements,
            }
        )
    schedules = store.materializations.schedule_rows(workbook_id)
    grants = [store.grants.render(g) for g in store.grants.rows(on=workbook_id)]
    jobs = [j for j in store.jobs.all() if j.workbook_id == workbook_id]
    return {
        "workbook": found,
        "pages": pages,
        "schedules": schedules,
        "grants": grants,
        "jobs": [job_row(state, j) for j in reversed(jobs)],
    }

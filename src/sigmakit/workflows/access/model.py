"""What an access review hands back: its rows, its findings, and the snapshot file."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..._errors import InputError

__all__ = [
    "CONNECTION_RANKS",
    "DOCUMENT_RANKS",
    "FORMAT",
    "AccessReview",
    "AccessRow",
    "Finding",
    "Snapshot",
    "load_snapshot",
    "rank",
    "save_snapshot",
    "write_new",
]

#: what a snapshot file says it is (``--save`` writes it, ``--since`` reads it)
FORMAT = "sigmakit-access-review/1"

#: document permissions, low to high (Sigma's workspace and workbook permissions)
DOCUMENT_RANKS = {"view": 1, "explore": 2, "organize": 3, "edit": 4}
#: connection permissions, low to high
CONNECTION_RANKS = {"usage": 1, "annotate": 2}
CONNECTION_KINDS = ("connection", "connection path")


def rank(kind: str, permission: str | None) -> int:
    ranks = CONNECTION_RANKS if kind in CONNECTION_KINDS else DOCUMENT_RANKS
    return ranks.get(permission or "", 0)


@dataclass(frozen=True)
class AccessRow:
    """One member and one thing they reach: ``permission`` is what they can finally do,
    ``granted`` what their grants give before the account type's ``ceiling`` (set only
    where it lowers the grant), ``why`` the grants that give it."""

    member_id: str
    email: str
    account_type: str
    active: bool
    #: workspace, folder, workbook, dataset... , connection, connection path
    kind: str
    thing_id: str
    name: str
    path: str
    permission: str
    granted: str
    why: str
    ceiling: str | None = None
    url_id: str | None = None
    #: the ids of the folders and workspace above the thing (or its connection): for scoping
    within: tuple[str, ...] = field(default=(), compare=False)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.member_id, self.kind, self.thing_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "memberId": self.member_id,
            "email": self.email,
            "accountType": self.account_type,
            "active": self.active,
            "kind": self.kind,
            "thingId": self.thing_id,
            "urlId": self.url_id,
            "name": self.name,
            "path": self.path,
            "permission": self.permission,
            "granted": self.granted,
            "ceiling": self.ceiling,
            "why": self.why,
        }

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> AccessRow:
        return cls(
            member_id=str(raw["memberId"]),
            email=str(raw.get("email", "")),
            account_type=str(raw.get("accountType", "")),
            active=bool(raw.get("active", True)),
            kind=str(raw["kind"]),
            thing_id=str(raw["thingId"]),
            name=str(raw.get("name", "")),
            path=str(raw.get("path", "")),
            permission=str(raw["permission"]),
            granted=str(raw.get("granted") or raw["permission"]),
            why=str(raw.get("why", "")),
            ceiling=raw.get("ceiling"),
            url_id=raw.get("urlId"),
        )


ROW_FIELDS = tuple(AccessRow("", "", "", True, "", "", "", "", "", "", "").to_dict())


@dataclass(frozen=True)
class Finding:
    """Something an auditor asks about: ``finding`` is its kind (``deactivated-member``,
    ``shared-with-everyone``, ``license-true-up``, ``connection-paths``,
    ``workspace-without-admin``), ``subject`` who or what, ``detail`` the why."""

    finding: str
    subject: str
    detail: str

    def to_dict(self) -> dict[str, str]:
        return {"finding": self.finding, "subject": self.subject, "detail": self.detail}


FINDING_FIELDS = ("finding", "subject", "detail")


@dataclass
class AccessReview:
    rows: list[AccessRow]
    findings: list[Finding]
    #: what the review covered (the options, as given)
    scope: dict[str, Any] = field(default_factory=dict)
    #: requests sent for it
    requests: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "scope": self.scope,
            "rows": [r.to_dict() for r in self.rows],
            "findings": [f.to_dict() for f in self.findings],
        }


def write_new(path: Path, text: str, *, force: bool) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename, refusing an
    existing path unless ``force`` (and anything but a regular file even then)."""
    if path.exists() or path.is_symlink():
        if not force:
            raise InputError(f"{path} exists; pass --force to replace it")
        if not path.is_file() or path.is_symlink():
            raise InputError(f"{path} is not a regular file; not replaced")
    if not path.parent.is_dir():
        raise InputError(f"no folder {path.parent} for {path.name}")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_snapshot(review: AccessReview, path: Path, *, force: bool = False) -> None:
    write_new(path, json.dumps(review.to_json(), indent=1) + "\n", force=force)


@dataclass(frozen=True)
class Snapshot:
    rows: list[AccessRow]
    #: what the review covered (``AccessReview.scope``)
    scope: dict[str, Any]


def load_snapshot(path: Path) -> Snapshot:
    """A snapshot ``--save`` wrote; ``InputError`` for anything else."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"no snapshot at {path}") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise InputError(f"{path} is not an access review snapshot: {exc}") from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise InputError(f"{path} is not an access review snapshot (format {FORMAT})")
    try:
        rows = [AccessRow.from_dict(r) for r in _rows(raw.get("rows"))]
    except (KeyError, TypeError) as exc:
        raise InputError(f"{path} has a malformed row: missing {exc}") from None
    scope = raw.get("scope")
    return Snapshot(rows, scope if isinstance(scope, dict) else {})


def _rows(raw: Any) -> Iterable[Mapping[str, Any]]:
    if not isinstance(raw, list) or not all(isinstance(r, dict) for r in raw):
        raise TypeError("rows")
    return raw

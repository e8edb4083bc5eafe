"""The kinds of file (an ``inodes`` row's ``type``), how Sigma shows a file, and the
organization root's url id: what :mod:`.files` and the routes share, kept apart from its SQL."""

from __future__ import annotations

import hashlib
import sqlite3
import string
from collections.abc import Callable
from typing import Any

__all__ = [
    "CATALOG_FILE_TYPES",
    "CONTAINERS",
    "DEFAULT_FILE_TYPES",
    "DOCUMENT_TYPES",
    "FILE_TYPES",
    "base62",
    "render_file",
    "root_url_id",
]

FILE_TYPES = (
    "workspace",
    "folder",
    "workbook",
    "dataset",
    "data-model",
    "sql",
    "worksheet",
    "dashboard",
    "template",
    "table",
    "symlink",
    "report",
)
#: What ``GET /v2/files`` lists when no ``typeFilters`` is sent (Sigma's documented default).
DEFAULT_FILE_TYPES = ("workbook", "folder", "dataset")
#: What a member's files list when no ``typeFilters`` is sent: every document; a
#: connection's tables only when asked for (``typeFilters=table``), and data models too (the
#: 2025-11 description's file types have no ``data-model``; 2026-08's do), and reports
#: (likewise not a 2025-11 file type).
DOCUMENT_TYPES = tuple(t for t in FILE_TYPES if t not in ("table", "data-model", "report"))
#: Files that belong to a connection's catalogue: shown, never changed through /v2/files.
CATALOG_FILE_TYPES = ("table",)
#: Types that hold other files.
CONTAINERS = ("workspace", "folder")
_BASE62 = string.digits + string.ascii_letters


def base62(n: int, length: int) -> str:
    """``n``'s lowest ``length`` base-62 digits, lowest first (Sigma's url ids)."""
    chars = []
    for _ in range(length):
        n, r = divmod(n, 62)
        chars.append(_BASE62[r])
    return "".join(chars)


def root_url_id(org_id: str) -> str:
    """A stable 22-character url id for the organization's root, the parent of workspaces
    and of every My Documents folder."""
    return base62(int.from_bytes(hashlib.sha256(org_id.encode()).digest(), "big"), 22)


def render_file(
    row: sqlite3.Row | dict[str, Any],
    permission: str,
    chain_of: Callable[[str | None], list[sqlite3.Row]],
    org_id_of: Callable[[], str],
    cache: dict[str | None, Any] | None = None,
) -> dict[str, Any]:
    """A file as Sigma lists it; ``chain_of`` reads a file and the folders above it, nearest
    first. A list renders its rows with one ``cache`` (a new dict), so the folders above its
    files and the organization are read once a list, not once a row (a member's files walked
    every folder chain again per file)."""
    chain: list[Any]
    if cache is None:
        chain = chain_of(row["id"])
        org_id = org_id_of()
    else:
        above = row["parent_id"]
        if above not in cache:
            cache[above] = chain_of(above)
        chain = [row, *cache[above]]
        if "<org>" not in cache:
            cache["<org>"] = org_id_of()
        org_id = cache["<org>"]
    parent = chain[1] if len(chain) > 1 else None
    entry: dict[str, Any] = {
        "id": row["id"],
        "urlId": row["url_id"],
        "name": row["name"],
        "type": row["type"],
        "parentId": parent["id"] if parent is not None else org_id,
        "parentUrlId": parent["url_id"] if parent is not None else root_url_id(org_id),
        "permission": permission,
        "path": "/".join(r["name"] for r in reversed(chain)),
        "badge": row["badge"],
        "isArchived": bool(row["is_archived"]),
        "ownerId": row["owner_id"],
        "createdBy": row["created_by"],
        "updatedBy": row["updated_by"],
        "createdAt": row["created_at"],
        "updatedAt": row["updated_at"],
    }
    if row["description"] is not None:
        entry["description"] = row["description"]
    return entry

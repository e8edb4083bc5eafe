"""The kinds of file there are, which of them a list shows by default, and the id of the
organization's root (the parent of workspaces and My Documents folders)."""

from __future__ import annotations

import hashlib
import string

__all__ = [
    "CATALOG_FILE_TYPES",
    "CONTAINERS",
    "DEFAULT_FILE_TYPES",
    "DOCUMENT_TYPES",
    "FILE_TYPES",
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


def root_url_id(org_id: str) -> str:
    """A stable 22-character url id for the organization's root, the parent of workspaces
    and of every My Documents folder."""
    n = int.from_bytes(hashlib.sha256(org_id.encode()).digest(), "big")
    chars = []
    for _ in range(22):
        n, r = divmod(n, 62)
        chars.append(_BASE62[r])
    return "".join(chars)

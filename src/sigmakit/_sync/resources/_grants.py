# generated from src/sigmakit/_async/resources/_grants.py by scripts/unasync.py; edit that file, then `make generate`
"""Grants, shared by workspaces, workbooks and connections: one model, one request body.

Permissions differ by target: workspaces ``view, explore, organize, edit``; workbooks
``view, explore, edit``; connections ``usage, annotate``. Sigma checks them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sigmakit._sync._pagination import Paginator
from sigmakit.types.grants import Grant, GrantPermission, NewGrant, _grant, grants_body

if TYPE_CHECKING:
    from sigmakit._sync._http import HttpCore

__all__ = ["Grant", "GrantPermission", "NewGrant", "create_grants", "grants_body", "list_grants"]


def list_grants(core: HttpCore, url: str, *, page_size: int, limit: int | None) -> Paginator[Grant]:
    return Paginator(core, url, _grant, page_size=page_size, limit=limit)


def create_grants(core: HttpCore, url: str, grants: Iterable[NewGrant]) -> None:
    """Re-sent after a 5xx or a dropped connection: a grantee holds one grant per target,
    so sending the same grants again converges."""
    core.request("POST", url, json=grants_body(grants), idempotent=True)

# generated from src/sigmakit/_async/resources/shortcuts.py by scripts/unasync.py; edit that file, then `make generate`
"""``/v2/shortcuts`` (beta, published after 2026-08): surface a document, a folder or a
table in another folder or workspace without copying it."""

from __future__ import annotations

from typing import Any

from sigmakit._sync.resources._base import Resource
from sigmakit.types.shortcuts import Shortcut, ShortcutTarget, _shortcut

__all__ = ["Shortcut", "ShortcutTarget", "Shortcuts"]


class Shortcuts(Resource):
    def create(self, parent_id: str, target_id: str, *, name: str | None = None) -> Shortcut:
        """A shortcut in the folder or workspace ``parent_id`` to ``target_id`` (a workbook,
        data model, report, dataset, folder or table), named after its target unless
        ``name``. You need to see the target and to organize the folder."""
        body: dict[str, Any] = {"parentId": parent_id, "target": {"id": target_id}}
        if name is not None:
            body["name"] = name
        return _shortcut(self._core.request("POST", "/v2/shortcuts", json=body))

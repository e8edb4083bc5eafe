"""Where a promotion remembers the version a tag marked before it moved the tag.

Sigma's version history shows which version a tag marks now, not where it was before, so
``promote rollback`` reads this file: ``promotions.json`` next to sigmakit's config file
(``$SIGMAKIT_PROMOTIONS`` to put it elsewhere), keyed by workbook id and tag id, each with
the versions the tag marked before, oldest first.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..._errors import InputError

__all__ = ["Ledger"]


class Ledger:
    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        if path is None:
            from ..._sources import config_path

            env = os.environ.get("SIGMAKIT_PROMOTIONS")
            path = Path(env).expanduser() if env else config_path().with_name("promotions.json")
        self.path = Path(path)

    def _read(self) -> dict[str, list[int]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise InputError(f"cannot read the promotion ledger {self.path}: {exc}") from None
        if not isinstance(data, dict):
            raise InputError(f"the promotion ledger {self.path} is not a JSON object")
        return {str(k): [int(v) for v in vs] for k, vs in data.items() if isinstance(vs, list)}

    def _write(self, data: dict[str, list[int]]) -> None:
        from ..._files import write_file

        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(data, indent=2, sort_keys=True) + "\n"
        write_file(self.path, [text.encode()], overwrite=True, mode=0o600)

    @staticmethod
    def key(workbook_id: str, tag_id: str) -> str:
        return f"{workbook_id}/{tag_id}"

    def remember(self, workbook_id: str, tag_id: str, previous: int) -> None:
        """The tag marked ``previous`` before it moved."""
        data = self._read()
        data.setdefault(self.key(workbook_id, tag_id), []).append(previous)
        self._write(data)

    def previous(self, workbook_id: str, tag_id: str) -> int | None:
        versions = self._read().get(self.key(workbook_id, tag_id)) or []
        return versions[-1] if versions else None

    def forget_last(self, workbook_id: str, tag_id: str) -> None:
        data = self._read()
        versions = data.get(self.key(workbook_id, tag_id)) or []
        if versions:
            versions.pop()
            data[self.key(workbook_id, tag_id)] = versions
            self._write(data)

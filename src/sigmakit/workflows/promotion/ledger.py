"""Where a promotion remembers the version a tag marked before it moved the tag.

Sigma's version history shows which version a tag marks now, not where it was before, so
``promote rollback`` reads this file: ``promotions.json`` next to sigmakit's config file
(``$SIGMAKIT_PROMOTIONS`` to put it elsewhere), keyed by workbook id and tag id, each with
the versions the tag marked before, oldest first; and under ``origins``, each document a
promotion created or laid its contents over in the target, by id, with the id of the source
document it came from (so a same-named document nothing promoted is not taken for a copy).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from ..._errors import InputError

__all__ = ["Ledger"]

_ORIGINS = "origins"


class Ledger:
    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        if path is None:
            from ..._sources import config_path

            env = os.environ.get("SIGMAKIT_PROMOTIONS")
            path = Path(env).expanduser() if env else config_path().with_name("promotions.json")
        self.path = Path(path)

    def _raw(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise InputError(f"cannot read the promotion ledger {self.path}: {exc}") from None
        if not isinstance(data, dict):
            raise InputError(f"the promotion ledger {self.path} is not a JSON object")
        return data

    def _read(self) -> dict[str, list[int]]:
        return {
            str(k): [int(v) for v in vs] for k, vs in self._raw().items() if isinstance(vs, list)
        }

    def _write(self, data: dict[str, list[int]], origins: dict[str, str] | None = None) -> None:
        from ..._files import write_file

        raw: dict[str, Any] = dict(data)
        kept = self.origins() if origins is None else origins
        if kept:
            raw[_ORIGINS] = kept
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(raw, indent=2, sort_keys=True) + "\n"
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

    def origins(self) -> dict[str, str]:
        """Each document a promotion made or laid contents over -> its source document."""
        got = self._raw().get(_ORIGINS)
        if not isinstance(got, dict):
            return {}
        return {str(k): str(v) for k, v in got.items()}

    def origin(self, document_id: str) -> str | None:
        """The source document ``document_id`` was promoted from (None: no promotion
        recorded made it)."""
        return self.origins().get(document_id)

    def remember_origin(self, document_id: str, source_id: str) -> None:
        origins = self.origins()
        if origins.get(document_id) != source_id:
            origins[document_id] = source_id
            self._write(self._read(), origins)

"""The organization's translation files: one per locale (``lng``), and custom variants of a
locale (``lng_variant``), each a map of phrases to their translations.

Sigma documents the operations, not their rules; the emulator's choices are guesses
(``tests/parity/GUESSES.md``, "Translations"): a locale is a language tag (``fr``,
``pt-BR``, ``zh-Hant``), a variant a name of letters, digits, ``-`` and ``_``; creating a
file that exists is a 409; a variant needs its locale's file; deleting a locale's file
deletes its variants; only an Admin may create, change or delete a file.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from typing import Any

from ..clock import Clock
from ..db import Database
from ..errors import BadRequest, Conflict, Forbidden, NotFound
from .paging import Page, select_page

SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    lng TEXT NOT NULL,
    variant TEXT NOT NULL DEFAULT '',
    phrases TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (lng, variant)
);
"""

_LNG = re.compile(r"^[a-z]{2,3}(-([A-Z]{2}|[A-Z][a-z]{3}|\d{3}))?$")
_VARIANT = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
#: the most phrases a file holds, and the longest phrase or translation
MAX_PHRASES = 10_000
MAX_TEXT = 4_096


def _lng(lng: str) -> str:
    if not _LNG.match(lng):
        raise BadRequest(f"Invalid locale: {lng!r} (a language tag such as fr or pt-BR)")
    return lng


def _variant(variant: str) -> str:
    if not _VARIANT.match(variant):
        raise BadRequest(f"Invalid lng_variant: {variant!r}")
    return variant


def _phrases(phrases: dict[str, str]) -> str:
    if len(phrases) > MAX_PHRASES:
        raise BadRequest(f"A translation file holds at most {MAX_PHRASES} phrases")
    for key, value in phrases.items():
        if not key or len(key) > MAX_TEXT or len(value) > MAX_TEXT:
            raise BadRequest(f"A phrase and its translation are 1 to {MAX_TEXT} characters")
    return json.dumps(phrases, ensure_ascii=False, sort_keys=True)


def _entry(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "lng": row["lng"],
        "locale": row["lng"],
        "lng_variant": row["variant"] or None,
        "createdBy": row["created_by"],
        "updatedBy": row["updated_by"],
        "createdAt": row["created_at"],
        "updatedAt": row["updated_at"],
    }


class TranslationStore:
    def __init__(self, db: Database, clock: Clock, is_admin: Callable[[str], bool]) -> None:
        self.db = db
        self.clock = clock
        self.is_admin = is_admin

    def _admin(self, caller: str) -> None:
        if not self.is_admin(caller):
            raise Forbidden("Only an Admin may create, change or delete translation files")

    def _row(self, lng: str, variant: str) -> sqlite3.Row:
        row = self.db.one(
            "SELECT * FROM translations WHERE lng = ? AND variant = ?", (lng, variant)
        )
        if row is None:
            shown = f"{lng}/{variant}" if variant else lng
            raise NotFound(f"No translation file for {shown}")
        return row

    def page(self, *, offset: int, limit: int) -> Page:
        return select_page(self.db, "translations", [], [], offset=offset, limit=limit).render(
            _entry
        )

    def phrases(self, lng: str, variant: str = "") -> dict[str, str]:
        found: dict[str, str] = json.loads(self._row(lng, variant)["phrases"])
        return found

    def create(self, caller: str, lng: str, variant: str | None, phrases: dict[str, str]) -> None:
        self._admin(caller)
        _lng(lng)
        kept = _variant(variant) if variant else ""
        text = _phrases(phrases)
        now = self.clock.iso()
        with self.db.tx() as c:
            if (
                kept
                and c.execute(
                    "SELECT 1 FROM translations WHERE lng = ? AND variant = ''", (lng,)
                ).fetchone()
                is None
            ):
                raise BadRequest(f"Create the translation file for {lng} before its variants")
            try:
                c.execute(
                    "INSERT INTO translations (lng, variant, phrases, created_by, updated_by,"
                    " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (lng, kept, text, caller, caller, now, now),
                )
            except sqlite3.IntegrityError:
                shown = f"{lng}/{kept}" if kept else lng
                raise Conflict(f"A translation file for {shown} already exists") from None

    def replace(self, caller: str, lng: str, variant: str, phrases: dict[str, str]) -> None:
        self._admin(caller)
        self._row(lng, variant)
        with self.db.tx() as c:
            c.execute(
                "UPDATE translations SET phrases = ?, updated_by = ?, updated_at = ?"
                " WHERE lng = ? AND variant = ?",
                (_phrases(phrases), caller, self.clock.iso(), lng, variant),
            )

    def delete(self, caller: str, lng: str, variant: str) -> None:
        self._admin(caller)
        self._row(lng, variant)
        with self.db.tx() as c:
            if variant:
                c.execute("DELETE FROM translations WHERE lng = ? AND variant = ?", (lng, variant))
            else:  # a locale's variants go with it
                c.execute("DELETE FROM translations WHERE lng = ?", (lng,))

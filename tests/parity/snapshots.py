"""Normalized snapshots of API answers, stored beside the suite in ``snapshots/*.json``.

One file per scenario, shared by both targets (the emulator and a real organization)::

    {
      "scenario": "test_auth::test_token_in_the_form",
      "validated_against_sigma": null,        # or {"host": ..., "recordedAt": ...}
      "known_differences": ["..."],
      "exchanges": {"token": {"status": 200, "body": {...}}}
    }

``validated_against_sigma`` is set only when the file was recorded against a real
organization (``SIGMAKIT_LIVE=1 SIGMAKIT_SNAPSHOT_UPDATE=1``); recording against the emulator
keeps it only if nothing changed, and otherwise resets it to ``null``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from tests.parity.masking import shape

SNAPSHOT_DIR = Path(__file__).parent / "snapshots"


def exchange(response: httpx.Response, keep: tuple[str, ...] = ()) -> dict[str, Any]:
    """What a snapshot keeps of one answer: the status and the normalized body (for a file
    download, its media type and whether it had bytes)."""
    record: dict[str, Any] = {"status": response.status_code}
    media = response.headers.get("content-type", "").split(";")[0].strip()
    if not response.content:
        record["body"] = None
    elif media == "application/json":
        record["body"] = shape(response.json(), keep=frozenset(keep))
    else:
        record["contentType"] = media
        record["body"] = "<bytes>"
    return record


def _dump(value: Any) -> str:
    # bodies are already key-sorted by shape(); the file keeps the scenario's order
    return json.dumps(value, indent=2) + "\n"


class Snapshot:
    """The exchanges one scenario records, held to (or written into) its snapshot file."""

    def __init__(self, name: str, path: Path, target: str, host: str, update: bool) -> None:
        self.name = name
        self.path = path
        self.target = target
        self.host = host
        self.update = update
        self.known: list[str] = []
        self.seen: dict[str, Any] = {}
        self.stored: dict[str, Any] | None = json.loads(path.read_text()) if path.exists() else None

    def known_difference(self, text: str) -> None:
        """A way the emulator is known (or suspected) to differ from Sigma in this scenario;
        written into the snapshot file and shown with any mismatch."""
        self.known.append(text)

    def match(self, label: str, response: httpx.Response, *, keep: tuple[str, ...] = ()) -> None:
        """Hold one answer to the stored snapshot (or record it, when updating)."""
        self._compare(label, exchange(response, keep))

    def match_entries(self, label: str, response: httpx.Response) -> None:
        """Hold a list answer's entries to the snapshot, not its paging envelope
        (``nextPage``, ``hasMore``, ``total``): the paging scenarios check that."""
        assert response.status_code == 200, response.text
        body = response.json()
        entries = body if isinstance(body, list) else body["entries"]
        self._compare(label, {"status": 200, "entries": shape(entries)})

    def match_value(self, label: str, value: Any, *, keep: tuple[str, ...] = ()) -> None:
        """Hold one JSON value (an entry picked out of a list, say) to the snapshot."""
        self._compare(label, {"value": shape(value, keep=frozenset(keep))})

    def _compare(self, label: str, record: dict[str, Any]) -> None:
        assert label not in self.seen, f"label {label!r} used twice"
        self.seen[label] = record
        if self.update:
            return
        if self.stored is None:
            pytest.fail(
                f"no snapshot {self.path.name} yet: record it with SIGMAKIT_SNAPSHOT_UPDATE=1"
            )
        expected = self.stored["exchanges"].get(label)
        if expected != record:
            diff = "".join(
                difflib.unified_diff(
                    _dump(expected).splitlines(keepends=True),
                    _dump(record).splitlines(keepends=True),
                    fromfile=f"{self.path.name}:{label} (stored)",
                    tofile=f"{label} ({self.target} answered)",
                )
            )
            known = "".join(f"\n  - {k}" for k in self.known) or " none listed"
            pytest.fail(
                f"snapshot mismatch for {label!r} against the {self.target}:\n{diff}"
                f"known differences for this scenario:{known}\n"
                "re-record with SIGMAKIT_SNAPSHOT_UPDATE=1 if the change is intended",
                pytrace=False,
            )

    def finish(self) -> None:
        """After the scenario: write the file (updating), or complain about stored exchanges
        the scenario no longer makes."""
        if self.update:
            self._write()
            return
        if self.stored is not None:
            stale = set(self.stored["exchanges"]) - set(self.seen)
            assert not stale, f"{self.path.name} holds exchanges never made: {sorted(stale)}"

    def _write(self) -> None:
        validated: Any = None
        if self.target == "live":
            validated = {
                "host": self.host,
                "recordedAt": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d"),
            }
        elif self.stored is not None and self.stored.get("exchanges") == self.seen:
            validated = self.stored.get("validated_against_sigma")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(
            _dump(
                {
                    "scenario": self.name,
                    "validated_against_sigma": validated,
                    "known_differences": self.known,
                    "exchanges": self.seen,
                }
            )
        )

"""What ``sigmakit api`` prints: an answer as JSON or as rows, and the operations of the
bundled description (``--list``)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from ..output import OutputOptions, emit, emit_one

LIST_COLUMNS = ("method", "path", "summary")


def _rows(body: Any) -> list[Mapping[str, Any]] | None:
    """What a table, CSV or JSON lines show of an answer: its ``entries`` (a list page), the
    items of an array, or ``None`` for a single object."""
    items = body.get("entries") if isinstance(body, dict) else body
    if isinstance(items, list):
        return [i if isinstance(i, Mapping) else {"value": i} for i in items]
    return None


def entry_rows(items: Iterable[Any]) -> Iterator[Mapping[str, Any]]:
    for item in items:
        yield item if isinstance(item, Mapping) else {"value": item}


def show(body: Any, fmt: str) -> None:
    """Print one answer: JSON as it came (indented), or its rows in another format."""
    out = OutputOptions(fmt, None)
    if fmt == "json":
        sys.stdout.write(json.dumps(body, indent=2, ensure_ascii=False) + "\n")
        return
    rows = _rows(body)
    if rows is not None:
        emit(rows, out)
    elif isinstance(body, dict) and fmt == "table":
        emit_one(body, out)
    elif isinstance(body, dict):
        emit([body], out)
    else:
        sys.stdout.write(json.dumps(body, ensure_ascii=False) + "\n")


def list_rows(words: Sequence[str]) -> list[dict[str, str]]:
    """The operations of the bundled description whose method, path, summary, id or tag
    contain every word (any case)."""
    from ..._raw import catalog

    wanted = [w.lower() for w in words]
    rows = []
    for op in catalog().operations:
        hay = f"{op.method} {op.path} {op.summary} {op.operation_id} {op.tag}".lower()
        if all(w in hay for w in wanted):
            rows.append(
                {
                    "method": op.method,
                    "path": op.path,
                    "summary": op.summary,
                    "operationId": op.operation_id,
                    "tag": op.tag,
                    "paging": op.paging or "",
                }
            )
    return rows

"""What turning one document into another changes, in words: pages, elements, columns and
sources added (``+``), removed (``-``) or changed (``~``). Pure: no calls to Sigma."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .files import ordered

__all__ = ["NOT_COMPARED", "changes", "comparable", "same"]

#: keys a write does not change: compared neither by plan nor by drift
NOT_COMPARED = ("documentVersion", "folderId")


def comparable(document: Mapping[str, Any]) -> Any:
    return ordered({k: v for k, v in document.items() if k not in NOT_COMPARED})


def same(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return bool(comparable(a) == comparable(b))


def _source_text(source: Any, names: Mapping[str, str] | None = None) -> str:
    if not isinstance(source, Mapping):
        return repr(source)
    kind = source.get("kind")
    if kind == "warehouse-table":
        return f"table {'.'.join(map(str, source.get('path') or []))}"
    if kind == "sql":
        return "custom SQL"
    if kind in ("table", "element"):  # an element of the same document ("element": before 2026-10)
        element_id = str(source.get("elementId"))
        return f"element {(names or {}).get(element_id) or element_id}"
    if kind == "data-model":
        return f"data model {source.get('dataModelId')} element {source.get('elementId')}"
    if kind == "dataset":
        return f"dataset {source.get('datasetId')}"
    if kind in ("join", "union"):
        parts = [
            _source_text(side, names)
            for item in (source.get("joins") or source.get("sources") or [])
            if isinstance(item, Mapping)
            for side in ((item.get("left"), item.get("right")) if kind == "join" else (item,))
        ]
        shown = list(dict.fromkeys(parts))
        return f"{kind} of {', '.join(shown)}" if shown else str(kind)
    return str(kind)


def _by_id(items: Any) -> dict[str, dict[str, Any]]:
    return {
        str(i.get("id")): i
        for i in (items if isinstance(items, list) else [])
        if isinstance(i, dict)
    }


def changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """What turning ``old`` into ``new`` changes, one line each (``+`` added, ``-`` removed,
    ``~`` changed)."""
    out: list[str] = []
    if old.get("name") != new.get("name"):
        out.append(f"~ name: {old.get('name')} -> {new.get('name')}")
    old_pages, new_pages = _by_id(old.get("pages")), _by_id(new.get("pages"))
    old_elements = {k: v for p in old_pages.values() for k, v in _by_id(p.get("elements")).items()}
    new_elements = {k: v for p in new_pages.values() for k, v in _by_id(p.get("elements")).items()}
    for pid, page in new_pages.items():
        if pid not in old_pages:
            out.append(f"+ page {page.get('name') or pid}")
        elif old_pages[pid].get("name") != page.get("name"):
            out.append(f"~ page {old_pages[pid].get('name')}: renamed {page.get('name')}")
    for pid, page in old_pages.items():
        if pid not in new_pages:
            out.append(f"- page {page.get('name') or pid}")
    names = {k: str(v.get("name") or k) for k, v in (old_elements | new_elements).items()}
    for eid, element in new_elements.items():
        label = element.get("name") or eid
        before = old_elements.get(eid)
        if before is None:
            out.append(f"+ element {label} on {_source_text(element.get('source'), names)}")
            continue
        if before.get("name") != element.get("name"):
            out.append(f"~ element {before.get('name') or eid}: renamed {label}")
        if ordered(before.get("source")) != ordered(element.get("source")):
            was = _source_text(before.get("source"), names)
            now = _source_text(element.get("source"), names)
            # a join's keys or a side's details change without changing its summary
            out.append(
                f"~ element {label}: source {was} -> {now}"
                if was != now
                else f"~ element {label}: source ({now}) changed"
            )
        out += _column_changes(label, before.get("columns"), element.get("columns"))
        rest = sorted(
            k
            for k in set(before) | set(element)
            if k not in ("name", "source", "columns")
            and ordered(before.get(k)) != ordered(element.get(k))
        )
        if rest:
            out.append(f"~ element {label}: {', '.join(rest)} changed")
    for eid, element in old_elements.items():
        if eid not in new_elements:
            out.append(f"- element {element.get('name') or eid}")
    old_pages_order = [p.get("id") for p in old.get("pages") or [] if isinstance(p, dict)]
    new_pages_order = [p.get("id") for p in new.get("pages") or [] if isinstance(p, dict)]
    if not out and comparable(old) != comparable(new):
        what = "pages reordered" if old_pages_order != new_pages_order else "elements reordered"
        out.append(f"~ {what}")
    return out


def _column_changes(element: str, old: Any, new: Any) -> list[str]:
    out: list[str] = []
    before, after = _by_id(old), _by_id(new)
    for cid, column in after.items():
        label = f"{element}/{column.get('name') or cid}"
        was = before.get(cid)
        if was is None:
            out.append(f"+ column {label}: {column.get('formula')}")
            continue
        if was.get("formula") != column.get("formula"):
            out.append(f"~ column {label}: formula {was.get('formula')} -> {column.get('formula')}")
        other = sorted(
            k
            for k in set(was) | set(column)
            if k not in ("id", "formula") and ordered(was.get(k)) != ordered(column.get(k))
        )
        if other:
            out.append(f"~ column {label}: {', '.join(other)} changed")
    for cid, column in before.items():
        if cid not in after:
            out.append(f"- column {element}/{column.get('name') or cid}")
    return out

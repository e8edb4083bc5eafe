"""The operations raw calls are checked against, indexed for matching paths: the bundled
description (2026-08) with the extract of Sigma's newer one that sigmakit serves, or Sigma's
published description when ``sigmakit api --refresh-spec`` fetched one into the cache.
Read and indexed once per process, on the first checked call. Used by :mod:`._raw`."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

__all__ = [
    "CLOSEST",
    "DESCRIPTION",
    "Catalog",
    "Operation",
    "bundled_catalog",
    "catalog",
    "path_segments",
]

#: the description raw calls are checked against
DESCRIPTION: Literal["2026-08"] = "2026-08"
_PLACEHOLDER = re.compile(r"\{([^{}/]*)\}")
#: how many operations an error names
CLOSEST = 3


@dataclass(frozen=True)
class Operation:
    """One operation of the description."""

    method: str
    path: str
    summary: str
    operation_id: str
    tag: str
    #: names of its query parameters, in the description's order
    query: tuple[str, ...]

    @property
    def paging(self) -> Literal["page", "token"] | None:
        """How the operation pages: ``page``/``limit``, ``pageToken``/``pageSize``, or not."""
        if "pageToken" in self.query:
            return "token"
        if "page" in self.query:
            return "page"
        return None

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


def path_segments(path: str) -> tuple[str, ...]:
    return tuple(s for s in path.strip("/").split("/"))


def _is_variable(segment: str) -> bool:
    return "{" in segment


#: what a caller's own ``{name}`` becomes for matching: fits a placeholder, equals no literal
_ANY = "\x00"


class _Segment:
    """One segment of a template: a literal, a placeholder, or a mix (``{id}:materialize``)."""

    def __init__(self, text: str) -> None:
        self.literal = None if _is_variable(text) else text
        pieces = _PLACEHOLDER.split(text)  # literal, name, literal, name, ..., literal
        self.pattern = re.compile(
            "".join(re.escape(p) if i % 2 == 0 else "[^/]+" for i, p in enumerate(pieces))
        )
        #: 0 literal, 1 mixed, 2 a bare placeholder: the lower, the more specific
        self.rank = 0 if self.literal is not None else 2 if _PLACEHOLDER.fullmatch(text) else 1

    def fits(self, got: str) -> bool:
        if self.literal is not None:
            return got == self.literal
        return self.pattern.fullmatch(got) is not None


class Catalog:
    """The operations of one description, indexed for matching paths."""

    def __init__(self, operations: Iterable[Operation], label: str = "") -> None:
        #: how errors name the description: ``2026-08 and its 2026-10-04 additions`` (the
        #: bundled one with the extract) or ``published, fetched 2026-12-07``
        self.label = label or DESCRIPTION
        self.operations = list(operations)
        self.by_path: dict[str, dict[str, Operation]] = {}
        for op in self.operations:
            self.by_path.setdefault(op.path, {})[op.method] = op
        #: segment count -> [(segments, path)], the most specific first (literal before
        #: mixed before a bare placeholder, at the earliest position that differs), so the
        #: first match is the one to take
        self._shapes: dict[int, list[tuple[tuple[_Segment, ...], str]]] = {}
        for template in self.by_path:
            shape = tuple(_Segment(s) for s in path_segments(template))
            self._shapes.setdefault(len(shape), []).append((shape, template))
        for entries in self._shapes.values():
            entries.sort(key=lambda e: tuple(part.rank for part in e[0]))
        self.prefixes = tuple(
            sorted({"/" + path_segments(p)[0] for p in self.by_path}, key=lambda p: p != "/v2")
        )

    def match(self, path: str) -> list[str]:
        """The templates ``path`` fits (its segments: literals, ids or ``{name}``s) that are
        the most specific: where a literal fits, a placeholder at that place does not count
        (``/v2/workbooks/tag`` is never a workbook id). Several only when they differ by a
        trailing ``/``, which is not part of the match."""
        segments = [_PLACEHOLDER.sub(_ANY, s) for s in path_segments(path)]
        best: tuple[int, ...] | None = None
        found: list[str] = []
        for shape, template in self._shapes.get(len(segments), []):
            rank = tuple(part.rank for part in shape)
            if best is not None and rank != best:
                break  # sorted: everything after is less specific
            if all(want.fits(got) for want, got in zip(shape, segments, strict=True)):
                best = rank
                found.append(template)
        return found

    def closest(self, method: str, path: str, n: int = CLOSEST) -> tuple[str, ...]:
        """``"GET /v2/members"``... for the operations most like ``method path``, best first."""
        segments = [s.lower() for s in path_segments(path)]
        scored: list[tuple[float, str]] = []
        for op in self.operations:
            template = path_segments(op.path)
            total = 0.0
            for want, got in zip(template, segments, strict=False):
                if want.lower() == got:
                    total += 1.0
                elif _is_variable(want):
                    total += 0.6  # an id in the caller's path would fit here
                else:
                    total += difflib.SequenceMatcher(None, want.lower(), got).ratio()
            score = total / max(len(template), len(segments)) + (0.05 if op.method == method else 0)
            scored.append((score, str(op)))
        scored.sort(key=lambda s: -s[0])
        return tuple(name for _, name in scored[:n])


def catalog() -> Catalog:
    """The operations raw calls are checked against: Sigma's published description when
    ``sigmakit api --refresh-spec`` fetched one into the cache, else the bundled one. Read
    and indexed once per process."""
    from ._published import load

    published = load()
    if published is None:
        return bundled_catalog()
    record, spec = published
    got = _published_catalogs.get(record.sha256)
    if got is None:
        got = _published_catalogs[record.sha256] = _published_catalog(record.label, spec)
    return got


#: sha256 of a published description -> its catalog
_published_catalogs: dict[str, Catalog] = {}


@cache
def bundled_catalog() -> Catalog:
    from ._reference import extract, operations, operations_of

    described = operations(DESCRIPTION)
    known = {(method, path) for method, path, _ in described}
    newer = extract()
    found = described + [o for o in operations_of(newer) if (o[0], o[1]) not in known]
    added = newer.get("info", {}).get("version")
    label = f"{DESCRIPTION} and its {added} additions" if added else DESCRIPTION
    return Catalog(_operations(found, newer), label)


def _published_catalog(label: str, spec: dict[str, Any]) -> Catalog:
    from ._reference import operations_of

    return Catalog(_operations(operations_of(spec), spec), label)


def _parameter(p: Any, spec: Mapping[str, Any]) -> Any:
    """``p``, or what its ``$ref`` (``#/components/parameters/...``) names."""
    ref = p.get("$ref") if isinstance(p, dict) else None
    if not isinstance(ref, str) or not ref.startswith(("#/", "#c")):
        return p
    node: Any = spec
    for key in ref.lstrip("#/").split("/"):
        node = node.get(key) if isinstance(node, dict) else None
    return node


def _operations(
    found: Iterable[tuple[str, str, dict[str, Any]]], spec: Mapping[str, Any]
) -> list[Operation]:
    ops = []
    for method, path, op in found:
        params = [_parameter(p, spec) for p in op.get("parameters", [])]
        query = tuple(
            str(p["name"])
            for p in params
            if isinstance(p, dict) and p.get("in") == "query" and "name" in p
        )
        tags = op.get("tags") or [""]
        ops.append(
            Operation(
                method=method,
                path=path,
                summary=str(op.get("summary") or ""),
                operation_id=str(op.get("operationId") or ""),
                tag=str(tags[0]),
                query=query,
            )
        )
    return ops

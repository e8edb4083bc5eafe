"""Sigma's OpenAPI descriptions, shipped inside the package (``sigmakit/reference/``).

``load("2025-11")`` is Sigma's published description, with its one known defect (``$ref``s
that read ``#components/...``, no slash after ``#``) mended in memory; ``load("2026-08")`` is
a later third-party re-layout of the same API (see ``reference/README.md`` for which to trust
on what). Each is read once per process; callers must not change what they get.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any, Literal

__all__ = [
    "CODE_REPRESENTATION",
    "EXTRACT",
    "METHODS",
    "VERSIONS",
    "Version",
    "code_representation",
    "extract",
    "load",
    "operations",
    "operations_of",
]

Version = Literal["2025-11", "2026-08"]
VERSIONS: tuple[Version, ...] = ("2025-11", "2026-08")
METHODS = ("get", "post", "put", "patch", "delete")


def _mend_refs(node: Any) -> Any:
    """``#components/...`` -> ``#/components/...``, everywhere in the tree."""
    if isinstance(node, dict):
        return {
            key: (
                "#/" + value[1:]
                if key == "$ref" and isinstance(value, str) and value.startswith("#c")
                else _mend_refs(value)
            )
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_mend_refs(item) for item in node]
    return node


@cache
def load(version: Version = "2026-08") -> dict[str, Any]:
    """The description of ``version`` as a JSON tree, refs mended."""
    if version not in VERSIONS:
        raise ValueError(f"unknown description {version!r}; known: {', '.join(VERSIONS)}")
    text = resources.files("sigmakit.reference").joinpath(f"sigma-openapi-{version}.json")
    raw = text.read_text(encoding="utf-8")
    spec: dict[str, Any] = json.loads(raw)
    if '"#components' in raw:  # the walk is a third of the load: only where the defect is
        spec = _mend_refs(spec)
    return spec


def operations(version: Version = "2026-08") -> list[tuple[str, str, dict[str, Any]]]:
    """``(METHOD, path, operation)`` of every operation in the description, in file order."""
    return operations_of(load(version))


def operations_of(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """``(METHOD, path, operation)`` of every operation of any OpenAPI description (a
    bundled one, the extract, or one fetched by ``sigmakit api --refresh-spec``)."""
    return [
        (method.upper(), path, op)
        for path, item in (spec.get("paths") or {}).items()
        if isinstance(item, dict)
        for method, op in item.items()
        if method in METHODS and isinstance(op, dict)
    ]


#: the operations Sigma published after 2026-08 that sigmakit serves (see reference/README.md)
EXTRACT = "sigma-openapi-2026-10-extract.json"


@cache
def extract() -> dict[str, Any]:
    """The extract of Sigma's newer description as a JSON tree: operations published after
    2026-08 (organization settings...), with where each came from in ``info.x-source``."""
    text = resources.files("sigmakit.reference").joinpath(EXTRACT).read_text(encoding="utf-8")
    spec: dict[str, Any] = json.loads(text)
    return spec


#: Sigma's code representation description (data model specs), as published 2026-10-04
CODE_REPRESENTATION = "sigma-code-representation-2026-10.yaml"


@cache
def code_representation() -> dict[str, Any]:
    """Sigma's code representation description (``/v2/dataModels/spec`` and
    ``/v2/dataModels/{id}/spec``, 2,732 schemas) as a tree; read on first use (about 0.3 s
    with libyaml), then kept. Callers must not change what they get."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    text = resources.files("sigmakit.reference").joinpath(CODE_REPRESENTATION)
    spec: dict[str, Any] = yaml.load(text.read_text(encoding="utf-8"), Loader=loader)
    return spec

"""Sigma's API description, loaded once, and the operations the emulator implements."""

from __future__ import annotations

import json
import os
import re
from functools import cache
from pathlib import Path
from typing import Any

#: ``../shared/reference`` beside the checkout, as laid out for developers and CI;
#: ``SIGMAKIT_REFERENCE`` points elsewhere (e.g. from a git worktree).
REFERENCE = Path(
    os.environ.get("SIGMAKIT_REFERENCE")
    or Path(__file__).resolve().parents[2].parent / "shared" / "reference"
)
SPEC_2025 = REFERENCE / "sigma-openapi-2025-11.json"
METHODS = ("get", "post", "put", "patch", "delete")


def _fix_refs(node: Any) -> Any:
    """The 2025-11 file has ``#components/...`` refs (no slash): mend them in memory."""
    if isinstance(node, dict):
        return {
            k: (
                ("#/" + v[1:])
                if k == "$ref" and isinstance(v, str) and v.startswith("#c")
                else _fix_refs(v)
            )
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_fix_refs(v) for v in node]
    return node


@cache
def sigma_spec() -> dict[str, Any]:
    loaded: dict[str, Any] = _fix_refs(json.loads(SPEC_2025.read_text()))
    return loaded


def shape(path: str) -> str:
    """``/v2/members/{memberId}`` -> ``/v2/members/{}``: paths compared without param names."""
    return re.sub(r"\{[^}]+\}", "{}", path.rstrip("/") or "/")


@cache
def emulator_operations() -> frozenset[tuple[str, str]]:
    """(METHOD, path shape) of every API route the emulator serves (control plane aside)."""
    from fastapi import FastAPI

    from sigmakit.emulator.routes import include_routes

    app = FastAPI()
    include_routes(app)
    ops = set()
    for path, item in app.openapi()["paths"].items():
        if path.startswith("/__emulator"):
            continue
        for method in item:
            if method in METHODS:
                ops.add((method.upper(), shape(path)))
    return frozenset(ops)


def implemented() -> list[tuple[str, str]]:
    """Operations of the description that the emulator implements: (METHOD, spec path)."""
    ops = emulator_operations()
    return sorted(
        (method.upper(), path)
        for path, item in sigma_spec()["paths"].items()
        for method in item
        if method in METHODS and (method.upper(), shape(path)) in ops
    )

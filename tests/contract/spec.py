"""Sigma's API descriptions (bundled in the package), as the contract test reads them, and
the operations the emulator implements."""

from __future__ import annotations

import copy
import re
from functools import cache
from typing import Any

from sigmakit._reference import METHODS, VERSIONS, Version, load

__all__ = ["VERSIONS", "emulator_operations", "implemented", "shape", "sigma_spec"]


def _mend_2026_08(spec: dict[str, Any]) -> dict[str, Any]:
    """Where the third-party 2026-08 re-layout is wrong about the wire, take the wire from
    Sigma's own 2025-11 description (the reference README: 2025-11 wins on wire format)."""
    spec = copy.deepcopy(spec)
    wire = load("2025-11")
    error = copy.deepcopy(wire["components"]["responses"]["ApiError"])
    # The re-layout dropped the security scheme and every documented error answer: each
    # operation lists only its success status and a required `Authorization` header
    # parameter. Sigma answers errors with {message, code, requestId} (2025-11's `default`
    # response) and takes a bearer token (2025-11's oauth2 scheme), so put those back.
    spec["components"]["securitySchemes"] = copy.deepcopy(wire["components"]["securitySchemes"])
    spec["security"] = copy.deepcopy(wire["security"])
    for item in spec["paths"].values():
        for method, op in item.items():
            if method not in METHODS:
                continue
            op["responses"].setdefault("default", copy.deepcopy(error))
            op["parameters"] = [
                p
                for p in op.get("parameters", [])
                if not (p.get("in") == "header" and p.get("name", "").lower() == "authorization")
            ]
    _collapse_identical_one_of(spec)
    # Its token endpoint shows a JSON body; the real one takes a form (client id and secret
    # in it, or as HTTP Basic), as 2025-11 says and SIGMA-API-NOTES confirms.
    token = spec["paths"]["/v2/auth/token"]["post"]
    token["requestBody"] = copy.deepcopy(wire["paths"]["/v2/auth/token"]["post"]["requestBody"])
    token["security"] = copy.deepcopy(wire["paths"]["/v2/auth/token"]["post"].get("security", []))
    return spec


def _collapse_identical_one_of(node: Any) -> None:
    """The re-layout turned some constrained alternatives into identical ones (e.g. the
    ``path`` of ``/v2/connections/paths`` entries: ``oneOf`` three times ``array of string``),
    which no value can satisfy (``oneOf`` wants exactly one match): keep one copy."""
    if isinstance(node, dict):
        options = node.get("oneOf")
        if isinstance(options, list) and len(options) > 1 and all(o == options[0] for o in options):
            del node["oneOf"]
            node.update(options[0])
        for value in node.values():
            _collapse_identical_one_of(value)
    elif isinstance(node, list):
        for value in node:
            _collapse_identical_one_of(value)


@cache
def sigma_spec(version: Version = "2025-11") -> dict[str, Any]:
    """The description of ``version`` with its known defects mended (see the reference README)."""
    spec = load(version)
    return _mend_2026_08(spec) if version == "2026-08" else spec


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


def implemented(version: Version = "2025-11") -> list[tuple[str, str]]:
    """Operations of the description that the emulator implements: (METHOD, spec path)."""
    ops = emulator_operations()
    return sorted(
        (method.upper(), path)
        for path, item in sigma_spec(version)["paths"].items()
        for method in item
        if method in METHODS and (method.upper(), shape(path)) in ops
    )

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
    Sigma's own 2025-11 description (its README: 2025-11 wins on wire format)."""
    spec = copy.deepcopy(spec)
    wire = load("2025-11")
    token = spec["paths"]["/v2/auth/token"]["post"]
    # The re-layout shows a JSON body and a required Authorization header on the token
    # endpoint; the real one takes a form (client id and secret in it, or as HTTP Basic).
    token["requestBody"] = copy.deepcopy(wire["paths"]["/v2/auth/token"]["post"]["requestBody"])
    token["parameters"] = [p for p in token.get("parameters", []) if p.get("in") != "header"]
    return spec


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

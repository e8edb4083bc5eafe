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
    # Its token endpoint shows a JSON body; the real one takes a form (client id and secret
    # in it, or as HTTP Basic), as 2025-11 says and SIGMA-API-NOTES confirms.
    token = spec["paths"]["/v2/auth/token"]["post"]
    token["requestBody"] = copy.deepcopy(wire["paths"]["/v2/auth/token"]["post"]["requestBody"])
    token["security"] = copy.deepcopy(wire["paths"]["/v2/auth/token"]["post"].get("security", []))
    return spec


_ANNOTATIONS = ("title", "description", "examples", "example")


def _bare(schema: Any, schemas: dict[str, Any], depth: int = 0) -> Any:
    """``schema`` with its refs followed (a few levels) and without titles or descriptions."""
    if isinstance(schema, dict):
        if "$ref" in schema and depth < 6:
            return _bare(schemas[schema["$ref"].rsplit("/", 1)[-1]], schemas, depth + 1)
        return {k: _bare(v, schemas, depth) for k, v in schema.items() if k not in _ANNOTATIONS}
    if isinstance(schema, list):
        return [_bare(v, schemas, depth) for v in schema]
    return schema


def _open_object(option: Any) -> Any:
    """An ``allOf`` of open objects (2025-11's way of extending a schema) as one open object."""
    parts = option.get("allOf") if isinstance(option, dict) and "type" not in option else None
    if (
        isinstance(parts, list)
        and parts
        and all(
            isinstance(p, dict)
            and p.get("type") == "object"
            and p.get("additionalProperties") is not False
            for p in parts
        )
    ):
        return {"type": "object"}
    return option


def _overlap(options: list[Any]) -> bool:
    """Alternatives one value can match several of: string enums, open objects (an ``allOf``
    of open objects is one: 2025-11's element lineage nodes, where every node with a name is
    also an "Element details" node) or arrays."""
    options = [_open_object(o) for o in options]
    kinds = {o.get("type") for o in options if isinstance(o, dict)}
    if len(kinds) != 1 or len(options) != sum(isinstance(o, dict) for o in options):
        return False
    kind = kinds.pop()
    if kind == "string":
        return all("enum" in o for o in options)
    if kind == "object":
        return all(o.get("additionalProperties") is not False for o in options)
    return kind == "array"


def _mend_one_of(node: Any, schemas: dict[str, Any]) -> None:
    """Two kinds of ``oneOf`` no real value can satisfy (``oneOf`` wants exactly one match):
    alternatives that differ only in their titles (the 2026-08 ``path`` of
    ``/v2/connections/paths`` entries: three times "array of string", the 2025-11 length
    bounds lost), which become one; and alternatives that overlap, which become ``anyOf``:
    string enums that share values (a grant's ``permission``: "view" is both an inode and a
    version-tag permission, in both files) and open objects one of which asks less than the
    other (2026-08 ``/v2/workbooks/{id}/materialization-schedules``: ``{entries}`` or
    ``{entries, nextPage}``; every paginated answer is both) and arrays (the connection
    path above also allows an array of anything)."""
    if isinstance(node, dict):
        options = node.get("oneOf")
        if isinstance(options, list) and len(options) > 1:
            flat = [_bare(o, schemas) for o in options]
            if all(o == flat[0] for o in flat):
                del node["oneOf"]
                node.update(flat[0])
            elif _overlap(flat):
                node["anyOf"] = node.pop("oneOf")
        for value in node.values():
            _mend_one_of(value, schemas)
    elif isinstance(node, list):
        for value in node:
            _mend_one_of(value, schemas)


def _mend_both(spec: dict[str, Any]) -> dict[str, Any]:
    """Defects both descriptions share, mended in a copy."""
    spec = copy.deepcopy(spec)
    _mend_one_of(spec, spec["components"].get("schemas", {}))
    # Both describe the download as a JSON object ({status, download: {stream...}}), the
    # shape of Sigma's internal client; on the wire it is 204 with no body while the file
    # is being produced, then 200 with the file's bytes in its own content type.
    download = spec["paths"]["/v2/query/{queryId}/download"]["get"]["responses"]
    download["200"] = {"description": "The file", "content": {"*/*": {"schema": {}}}}
    download["204"] = {"description": "Not ready yet"}
    # A dataset materialization run's `error` is required and an object (2026-08), or an
    # object and null at once (2025-11): no run that succeeded can satisfy either. It is the
    # object when the run failed, else null (tests/parity/GUESSES.md).
    runs = spec["paths"]["/v2/datasets/{datasetId}/materialization"]["get"]["responses"]["200"]
    _nullable_run_error(runs["content"]["application/json"]["schema"], spec)
    # A 204 has no body (RFC 9110, 15.3.5), but the SAML certificate operations describe
    # theirs as a JSON object `{}`: no answer can carry one.
    for item in spec["paths"].values():
        for op in item.values():
            no_content = op.get("responses", {}).get("204") if isinstance(op, dict) else None
            if isinstance(no_content, dict):
                no_content.pop("content", None)
    return spec


def _nullable_run_error(schema: dict[str, Any], spec: dict[str, Any]) -> None:
    """The ``entries`` items of a dataset's runs take ``error: null`` (see ``_mend_both``)."""
    schemas = spec["components"].get("schemas", {})
    if "$ref" in schema:
        schema = schemas[schema["$ref"].rsplit("/", 1)[-1]]
    for part in [schema, *schema.get("allOf", [])]:
        entries = part.get("properties", {}).get("entries")
        if entries is None:
            continue
        items = entries["items"]
        if "$ref" in items:
            items = schemas[items["$ref"].rsplit("/", 1)[-1]]
        error = items["properties"]["error"]
        if "$ref" in error:
            error = schemas[error["$ref"].rsplit("/", 1)[-1]]
        bare = {k: v for k, v in error.items() if k != "type"} if "allOf" in error else error
        items["properties"]["error"] = {"anyOf": [bare, {"type": "null"}]}


def _mend_2025_11(spec: dict[str, Any]) -> dict[str, Any]:
    """What Sigma added after 2025-11 and the emulator answers with, taken from 2026-08: a
    workbook source may be custom SQL (``{type: custom-sql, connectionId, definition,
    customSqlId}``; SIGMA-API-NOTES, "Lineage")."""
    spec = copy.deepcopy(spec)
    later = load("2026-08")
    items = later["components"]["schemas"][
        "V2WorkbooksWorkbookIdSourcesGetResponsesContentApplicationJsonSchemaItems"
    ]
    (custom_sql,) = [
        _bare(o, later["components"]["schemas"])
        for o in items["oneOf"]
        if "customSqlId" in _bare(o, later["components"]["schemas"]).get("properties", {})
    ]
    sources = spec["paths"]["/v2/workbooks/{workbookId}/sources"]["get"]["responses"]["200"]
    kinds = sources["content"]["application/json"]["schema"]["items"]
    kinds["oneOf" if "oneOf" in kinds else "anyOf"].append(custom_sql)
    return spec


@cache
def sigma_spec(version: Version = "2025-11") -> dict[str, Any]:
    """The description of ``version`` with its known defects mended (see the reference README)."""
    spec = _mend_both(load(version))
    return _mend_2026_08(spec) if version == "2026-08" else _mend_2025_11(spec)


def shape(path: str) -> str:
    """``/v2/members/{memberId}`` -> ``/v2/members/{}``: paths compared without param names."""
    return re.sub(r"\{[^}]+\}", "{}", path.rstrip("/") or "/")


@cache
def emulator_operations() -> frozenset[tuple[str, str]]:
    """(METHOD, path shape) of every API route the emulator serves (control plane aside)."""
    from fastapi import FastAPI

    from sigmakit.emulator.registry import RESOURCES
    from sigmakit.emulator.routes import include_routes

    app = FastAPI()
    include_routes(app, RESOURCES)
    ops = set()
    for path, item in app.openapi()["paths"].items():
        if path.startswith("/__emulator"):
            continue
        for method, op in item.items():
            # a scaffold's stub answers 501 until its store is written: not implemented
            if method in METHODS and "x-sigmakit-stub" not in op:
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

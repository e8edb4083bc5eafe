"""What ``scripts/scaffold.py`` reads before it writes: the operation in Sigma's bundled API
description (its parameters, whether it lists, the shape of one answer) and where the
emulator serves the paths most like it."""

from __future__ import annotations

import ast
import difflib
import re
from typing import Any

from scaffold_edits import Refused

DESCRIPTION = "2026-08"  # src/sigmakit/reference/sigma-openapi-2026-08.json
PAGING = {"page", "limit", "pageSize", "pageToken"}
TYPES = {"string": "str", "boolean": "bool", "integer": "int", "number": "float"}


def snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).replace("-", "_").lower()


# ----- the operation, from the description -----


def find_operation(op_id: str) -> tuple[str, str, dict[str, Any], dict[str, Any]]:
    from sigmakit._reference import load, operations

    spec = load(DESCRIPTION)
    ops = {op.get("operationId"): (m, p, op) for m, p, op in operations(DESCRIPTION)}
    if op_id not in ops:
        near = difflib.get_close_matches(op_id, [k for k in ops if k], n=3)
        raise Refused(
            f"no operation {op_id!r} in the {DESCRIPTION} description"
            + (f"; did you mean {', '.join(near)}?" if near else "")
        )
    method, path, op = ops[op_id]
    return method, path, op, spec


def deref(node: Any, spec: dict[str, Any]) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = spec
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


def annotation(schema: dict[str, Any], spec: dict[str, Any]) -> tuple[str, bool]:
    """(Python type, nullable) of a property's schema."""
    schema = deref(schema, spec)
    kinds = schema.get("type", "object")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    nullable = "null" in kinds
    kind = next((k for k in kinds if k != "null"), "object")
    if kind == "string" and schema.get("format") == "date-time":
        return "Timestamp", nullable
    if kind == "array":
        item, _ = annotation(schema.get("items", {}), spec)
        return f"list[{item if item in TYPES.values() else 'Any'}]", nullable
    return TYPES.get(kind, "dict[str, Any]"), nullable


def plan_operation(op_id: str) -> dict[str, Any]:
    method, path, op, spec = find_operation(op_id)
    params = [deref(p, spec) for p in op.get("parameters", [])]
    path_params = [
        {
            "name": p["name"],
            # tagName -> tag (a name is what users type); ids keep their _id
            "arg": snake(re.sub(r"Name$", "", p["name"])),
            "cli_name": snake(re.sub(r"(Id|Name)$", "", p["name"])),
            "cli_option": snake(re.sub(r"(Id|Name)$", "", p["name"])).replace("_", "-"),
        }
        for p in params
        if p.get("in") == "path"
    ]
    query = [
        {
            "name": p["name"],
            "arg": snake(p["name"]),
            "route_type": annotation(p.get("schema", {}), spec)[0],
            "sdk_type": annotation(p.get("schema", {}), spec)[0],
        }
        for p in params
        if p.get("in") == "query" and p["name"] not in PAGING
    ]
    ok = next((v for k, v in op.get("responses", {}).items() if k.startswith("2")), {})
    body_schema = deref(ok.get("content", {}).get("application/json", {}).get("schema", {}), spec)
    props = body_schema.get("properties", {})
    token = "entries" in props and "nextPageToken" in props
    is_list = token or ("entries" in props and "nextPage" in props)
    item = deref(props["entries"].get("items", {}), spec) if is_list else body_schema
    segments = [s for s in path.strip("/").split("/")[1:] if s and not s.startswith("{")]
    return {
        "id": op_id,
        "snake": snake(op_id),
        "method": method,
        "path": path,
        "path_format": re.sub(r"\{[^}]+\}", "{}", path),
        "path_fstring": re.sub(
            r"\{([^}]+)\}",
            lambda m: "{" + next(p["arg"] for p in path_params if p["name"] == m[1]) + "}",
            path,
        ),
        "summary": (op.get("summary") or op_id).strip().rstrip("."),
        "tag": (op.get("tags") or ["untagged"])[0],
        "path_params": path_params,
        "query": query,
        "has_body": "requestBody" in op,
        "is_list": is_list,
        "token": token,
        # the route's paging dependency (emulator/routes/paging.py, token_paging.py)
        "listing": (
            "TokenListing"
            if token
            else {("total", "hasMore"): "Listing", ("total",): "TotalListing"}.get(
                tuple(k for k in ("total", "hasMore") if k in props), "LegacyListing"
            )
        ),
        "segments": segments,
        "item": item,
        "spec": spec,
    }


# ----- where the operation lands, from the checkout -----


def served_routes(stubs: bool) -> dict[tuple[str, str], str]:
    """(METHOD, path shape) -> the routes module serving it."""
    from fastapi import FastAPI
    from fastapi.routing import APIRoute
    from implementation_coverage import emulator_operations, shape

    from sigmakit.emulator.registry import RESOURCES
    from sigmakit.emulator.routes import include_routes

    app = FastAPI()
    include_routes(app, RESOURCES)
    wanted = emulator_operations(stubs=stubs)
    return {
        (m, shape(r.path)): r.endpoint.__module__.rsplit(".", 1)[-1]
        for r in app.routes
        if isinstance(r, APIRoute)
        for m in r.methods
        if (m, shape(r.path)) in wanted
    }


def route_module(op: dict[str, Any], served: dict[tuple[str, str], str]) -> str:
    """The module serving the paths most like this one: same last word, then longest
    common prefix; a new module named after the last word when none shares two words."""
    mine = op["path_format"].strip("/").split("/")

    def score(shape_: str) -> tuple[int, int]:
        theirs = shape_.strip("/").split("/")
        words = [w for w in theirs if w != "{}"]
        common = next(
            (i for i, (a, b) in enumerate(zip(mine, theirs, strict=False)) if a != b),
            min(len(mine), len(theirs)),
        )
        return (int(bool(words) and words[-1] == op["segments"][-1]), common)

    best = max(served.items(), key=lambda kv: score(kv[0][1]), default=None)
    if best and (score(best[0][1])[0] or score(best[0][1])[1] >= 3):
        return best[1]
    return snake(op["segments"][-1])


def store_of(routes_text: str, module: str) -> tuple[str, str]:
    """(store module, store class) the routes module imports; a new one when it has none."""
    for node in ast.parse(routes_text).body:
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("store."):
            for alias in node.names:
                if alias.name.endswith("Store"):
                    return node.module.split(".", 1)[1], alias.name  # type: ignore[union-attr]
    return module, "".join(w.title() for w in module.rstrip("s").split("_")) + "Store"


def singular(word: str) -> str:
    return word[:-3] + "y" if word.endswith("ies") else word[:-1] if word.endswith("s") else word

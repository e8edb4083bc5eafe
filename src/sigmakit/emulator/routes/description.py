"""``GET /openapi/sigma-rest-api.yaml`` (and ``.json``): the API description of what this
emulator serves, where Sigma's help site publishes Sigma's own.

It is the bundled 2026-08 description, with the operations of the extract of Sigma's newer
one (``reference/sigma-openapi-2026-10-extract.json``) and every other operation the emulator
serves beyond them (the data model code representation, for one), the latter taken from the
app's own routes with their path and query parameters. ``sigmakit api --refresh-spec --spec-url
http://127.0.0.1:PORT/openapi/sigma-rest-api.yaml`` fetches it as it would fetch Sigma's.
Open like Sigma's help site: no token.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response

from ..._reference import METHODS, extract, load, operations_of

router = APIRouter()

#: path prefixes of Sigma's API (the emulator's control plane and console are not part of it)
_API = ("/v2/", "/v2.1/", "/v3alpha/")


def _served(app: FastAPI) -> dict[str, Any]:
    """The description: the bundled one, plus what the app serves that it lacks."""
    spec = copy.deepcopy(load("2026-08"))
    paths: dict[str, Any] = spec["paths"]
    spec["info"] = {
        **spec.get("info", {}),
        "title": "Sigma REST API, as served by sigmakit's emulator",
    }
    for method, path, op in operations_of(extract()):  # published since 2026-08, as published
        paths.setdefault(path, {}).setdefault(method.lower(), op)
    for path, item in app.openapi().get("paths", {}).items():
        if not path.startswith(_API):
            continue
        known = paths.setdefault(path, {})
        for method, op in item.items():
            if method not in METHODS or method in known:
                continue
            known[method] = {
                "operationId": op.get("operationId", ""),
                "summary": op.get("summary", ""),
                "tags": ["servedByTheEmulator"],
                "parameters": [
                    {"name": p["name"], "in": p["in"], "required": p.get("required", False)}
                    for p in op.get("parameters", [])
                    if p.get("in") in ("path", "query")
                ],
                "responses": {"200": {"description": "OK"}},
            }
    return spec


def _text(app: FastAPI, kind: str) -> bytes:
    """The description as ``kind`` (json or yaml), made once per app."""
    made: dict[str, bytes] | None = getattr(app.state, "served_description", None)
    if made is None:
        made = app.state.served_description = {}
    if kind not in made:
        spec = _served(app)
        if kind == "json":
            made[kind] = json.dumps(spec, separators=(",", ":")).encode()
        else:
            import yaml

            dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
            text = yaml.dump(spec, Dumper=dumper, sort_keys=False, allow_unicode=True)
            made[kind] = text.encode()
    return made[kind]


@router.get("/openapi/sigma-rest-api.yaml", include_in_schema=False)
def description_yaml(request: Request) -> Response:
    return Response(_text(request.app, "yaml"), media_type="application/x-yaml; charset=utf-8")


@router.get("/openapi/sigma-rest-api.json", include_in_schema=False)
def description_json(request: Request) -> Response:
    return Response(_text(request.app, "json"), media_type="application/json")

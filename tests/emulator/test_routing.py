"""The emulator's routing: a route's quick path test turns away only paths FastAPI's own
matching would, and the everyday routes run on the event loop with their parameters,
bodies and answers unchanged."""

from __future__ import annotations

import re

import httpx
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute

from sigmakit.emulator import EmulatorServer
from sigmakit.emulator.app import create_app
from sigmakit.emulator.config import EmulatorConfig, SeedSizes


def _paths(routes: list[BaseRoute]) -> set[str]:
    """Each route's template filled in, and near misses: a slash more or less, a segment
    more, a parameter holding a slash, a character short."""
    paths = {"/", "/v2", "/v2/", "/v2/members//x", "//v2/members", "/v2.1/members"}
    for route in routes:
        template = getattr(route, "path", "")
        for fill in ("x", "abc-123", "a/b"):
            path = re.sub(r"\{[^}]+\}", fill, template)
            paths |= {path, f"{path}/", f"{path}/extra", path[:-1]}
    return paths


def test_routes_answer_exactly_the_paths_fastapi_would_match() -> None:
    app = create_app(EmulatorConfig(sizes=SeedSizes(members=5, workbooks=1)))
    routes = app.router.routes
    assert sum(isinstance(r, APIRoute) and type(r) is not APIRoute for r in routes) > 150
    for path in _paths(routes):
        for method in ("GET", "POST", "PATCH", "PUT", "DELETE"):
            scope = {"type": "http", "path": path, "root_path": "", "method": method}
            for route in routes:
                if isinstance(route, APIRoute):
                    ours, fastapis = route.matches(dict(scope)), APIRoute.matches(route, scope)
                    assert ours[0] == fastapis[0], (method, path, route.path)


def test_an_everyday_route_on_the_event_loop_reads_its_parameters_and_body(
    emulator: EmulatorServer, api: httpx.Client
) -> None:
    http = api
    made = http.post("/v2/workspaces", json={"name": "Routing check", "noDuplicates": True})
    assert made.status_code == 200
    again = http.post("/v2/workspaces", json={"name": "routing CHECK", "noDuplicates": True})
    assert again.status_code == 409
    assert made.json()["workspaceId"] in again.json()["message"]
    listed = http.get("/v2/workspaces", params={"exactName": "ROUTING check", "limit": 5})
    assert [w["workspaceId"] for w in listed.json()["entries"]] == [made.json()["workspaceId"]]
    assert http.get("/v2/workspaces", params={"limit": "zero"}).status_code == 400
    assert http.post("/v2/workspaces", json={"noDuplicates": True}).status_code == 400
    no_token = httpx.get(f"{emulator.base_url}/v2/workspaces")
    assert no_token.status_code == 401

"""HTTP routes: thin handlers that parse parameters, call a store and return its answer.

One module per API resource, plus ``control`` for the emulator's own control plane. Which
routers the app serves, and in which order, is listed once, in :mod:`..registry`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol, cast

from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute
from starlette.routing import Match
from starlette.types import Scope

__all__ = ["include_routes"]


class _Prechecked(APIRoute):
    """An API route that turns away, with three string tests, a path its template cannot
    match, before FastAPI's matching (a regular expression and its own bookkeeping, about
    3 us a route). The router tries its routes in order until one matches: a request for a
    workbook's elements went through 83 routes before its own, a fifth of the emulator's
    time for it.

    The tests only ever say no where the template's expression would: a matching path
    starts with the template's text before its first parameter, ends with the text after
    its last, and (unless a parameter is a ``:path``) has as many slashes, since a
    parameter matches no slash. Anything that passes is matched by FastAPI as before, so
    which route answers, and how, is unchanged. (The emulator serves no ``root_path`` and
    includes no router, whose matching would look at another path than ``scope["path"]``:
    with a ``root_path`` the test is skipped.)"""

    _head: str
    _tail: str
    _slashes: int | None

    def prepare(self) -> None:
        template = self.path
        first, last = template.find("{"), template.rfind("}")
        self._head = template if first < 0 else template[:first]
        self._tail = template if first < 0 else template[last + 1 :]
        self._slashes = None if ":path}" in template else template.count("/")

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if scope["type"] == "http" and not scope.get("root_path"):
            path: str = scope["path"]
            if (
                not path.startswith(self._head)
                or not path.endswith(self._tail)
                or (self._slashes is not None and path.count("/") != self._slashes)
            ):
                return Match.NONE, {}
        return super().matches(scope)


def _prechecked(route: Any) -> Any:
    """``route``, matched through :class:`_Prechecked` when it is a plain API route."""
    if type(route) is APIRoute:  # once: the routers' routes outlive each app
        route.__class__ = _Prechecked
        cast(_Prechecked, route).prepare()
    return route


class _HasRouter(Protocol):
    @property
    def router(self) -> APIRouter | None: ...


def include_routes(app: FastAPI, resources: Iterable[_HasRouter]) -> None:
    """Serve the routers of ``resources`` (the app passes :data:`..registry.RESOURCES`)."""
    for resource in resources:
        if resource.router is not None:
            # the router's own routes, in order, rather than the router: FastAPI matches an
            # included router through a per-request wrapper that costs about three times a
            # flat list of routes (~0.2 ms of each request here); these routers carry no
            # options of their own (their prefixes are already in their routes' paths)
            app.router.routes.extend(_prechecked(r) for r in resource.router.routes)

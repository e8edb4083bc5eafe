"""HTTP routes: thin handlers that parse parameters, call a store and return its answer.

One module per API resource, plus ``control`` for the emulator's own control plane. Which
routers the app serves, and in which order, is listed once, in :mod:`..registry`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from fastapi import APIRouter, FastAPI

__all__ = ["include_routes"]


class _HasRouter(Protocol):
    @property
    def router(self) -> APIRouter | None: ...


def include_routes(app: FastAPI, resources: Iterable[_HasRouter] | None = None) -> None:
    """Serve every registered router (all of :data:`..registry.RESOURCES` by default)."""
    if resources is None:
        from ..registry import RESOURCES  # the registry imports every route module

        resources = RESOURCES
    for resource in resources:
        if resource.router is not None:
            # the router's own routes, in order, rather than the router: FastAPI matches an
            # included router through a per-request wrapper that costs about three times a
            # flat list of routes (~0.2 ms of each request here); these routers carry no
            # options of their own (their prefixes are already in their routes' paths)
            app.router.routes.extend(resource.router.routes)

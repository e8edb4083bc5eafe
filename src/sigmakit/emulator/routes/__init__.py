"""HTTP routes: thin handlers that parse parameters, call a store and return its answer.

One module per API resource, plus ``control`` for the emulator's own control plane.
"""

from fastapi import FastAPI

from . import auth, connections, control, files, grants, members, teams, whoami, workspaces

__all__ = ["include_routes"]


def include_routes(app: FastAPI) -> None:
    app.include_router(auth.router)
    app.include_router(control.router)
    for module in (members, whoami, teams, workspaces, connections, grants, files):
        app.include_router(module.router)

"""HTTP routes: thin handlers that parse parameters, call a store and return its answer.

One module per API resource, plus ``control`` for the emulator's own control plane.
"""

from fastapi import FastAPI

from . import (
    account_types,
    auth,
    connections,
    control,
    control_jobs,
    files,
    grants,
    members,
    teams,
    whoami,
    workbooks,
    workspaces,
)

__all__ = ["include_routes"]


def include_routes(app: FastAPI) -> None:
    app.include_router(auth.router)
    app.include_router(control.router)
    app.include_router(control_jobs.router)
    for module in (account_types, members, whoami, teams, workspaces, connections, grants, files):
        app.include_router(module.router)
    app.include_router(workbooks.router)
    from ..console import router as console_router  # the console reads these routes' stores

    app.include_router(console_router)

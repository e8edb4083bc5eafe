"""The emulator's web console, under ``/__emulator/console``: the organization as Sigma's
UI would show it (people, teams, workspaces, connections, workbooks, jobs), a live log of
API requests, and the control plane's actions as forms."""

from .router import PREFIX, router

__all__ = ["PREFIX", "router"]

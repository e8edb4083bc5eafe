"""Workflows: multi-step operations over the SDK, each a plain function taking a ``Sigma``
client and an options dataclass and returning a report (see :mod:`.report`).

Import the module you need (``from sigmakit.workflows.teams import change_team_members``);
this package imports nothing so that the CLI stays fast.
"""

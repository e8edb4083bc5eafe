"""The emulator's state and logic (moto's "backend"): one store per resource over one database.

Stores raise ``ApiError``; routes only parse parameters, call a store and return its dict.
"""

from __future__ import annotations

from ..clock import Clock
from ..ids import IdFactory
from ..jobs import SCHEMA as JOBS_SCHEMA
from ..jobs import Jobs
from . import (
    account_types,
    connections,
    exports,
    files,
    grants,
    members,
    org,
    retail,
    teams,
    tokens,
    workbooks,
)
from .account_types import AccountTypeStore
from .connections import ConnectionStore
from .db import Database
from .exports import ExportStore
from .files import FileStore
from .grants import GrantStore
from .members import MemberStore
from .org import OrgStore
from .permissions import PermissionStore
from .teams import TeamStore
from .tokens import TokenStore
from .workbooks import WorkbookStore
from .workspaces import WorkspaceStore

__all__ = ["Store"]

SCHEMAS = [
    org.SCHEMA,
    account_types.SCHEMA,
    tokens.SCHEMA,
    files.SCHEMA,
    members.SCHEMA,
    grants.SCHEMA,
]
SCHEMAS += [teams.SCHEMA, connections.SCHEMA]
SCHEMAS += [retail.SCHEMA, workbooks.SCHEMA, exports.SCHEMA, JOBS_SCHEMA]


class Store:
    def __init__(self, path: str, *, seed: int, clock: Clock) -> None:
        self.db = Database(path, SCHEMAS)
        self.clock = clock
        self.reset_ids(seed)

    def reset_ids(self, seed: int) -> None:
        self.ids = IdFactory(seed)
        self.org = OrgStore(self.db)
        self.account_types = AccountTypeStore(self.db)
        self.tokens = TokenStore(self.db, self.ids, self.clock)
        self.permissions = PermissionStore(self.db)
        self.files = FileStore(self.db, self.ids, self.clock, self.org, self.permissions)
        self.members = MemberStore(
            self.db, self.ids, self.clock, self.org, self.files, self.account_types
        )
        self.grants = GrantStore(self.db, self.ids, self.clock, self.org)
        self.workspaces = WorkspaceStore(self.db, self.clock, self.files, self.grants)
        self.teams = TeamStore(self.db, self.ids, self.clock, self.workspaces.team_folder)
        self.members.on_create.append(self.teams.add_from_member_create)
        self.connections = ConnectionStore(self.db, self.ids, self.clock, self.org)
        self.jobs = Jobs(self.db, self.clock)
        self.workbooks = WorkbookStore(
            self.db, self.ids, self.clock, self.org, self.files, self.permissions, self.jobs
        )
        self.exports = ExportStore(self.db, self.ids, self.clock, self.jobs, self.workbooks)

    def close(self) -> None:
        self.db.close()

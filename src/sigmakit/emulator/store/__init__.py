"""The emulator's state and logic (moto's "backend"): one store per resource over one database.

Stores raise ``ApiError``; routes only parse parameters, call a store and return its dict.
"""

from __future__ import annotations

from ..clock import Clock
from ..ids import IdFactory
from . import files, grants, members, org, tokens
from .db import Database
from .files import FileStore
from .members import MemberStore
from .org import OrgStore
from .tokens import TokenStore

__all__ = ["Store"]

SCHEMAS = [org.SCHEMA, tokens.SCHEMA, files.SCHEMA, members.SCHEMA, grants.SCHEMA]


class Store:
    def __init__(self, path: str, *, seed: int, clock: Clock) -> None:
        self.db = Database(path, SCHEMAS)
        self.clock = clock
        self.reset_ids(seed)

    def reset_ids(self, seed: int) -> None:
        self.ids = IdFactory(seed)
        self.org = OrgStore(self.db)
        self.tokens = TokenStore(self.db, self.ids, self.clock)
        self.files = FileStore(self.db, self.ids, self.clock)
        self.members = MemberStore(self.db, self.ids, self.clock, self.org, self.files)

    def close(self) -> None:
        self.db.close()

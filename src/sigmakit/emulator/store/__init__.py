"""The emulator's state and logic (moto's "backend"): one store per resource over one database.

Stores raise ``ApiError``; routes only parse parameters, call a store and return its dict.
Which stores exist, in which order they are built, and their tables are listed once, in
:mod:`..registry`; ``Store`` builds what it is given.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from ..clock import Clock
from ..db import Database
from ..ids import IdFactory

if TYPE_CHECKING:
    from ..jobs import Jobs
    from ..ratelimits import RateLimits
    from .account_types import AccountTypeStore
    from .connections import ConnectionStore
    from .embeds import EmbedStore
    from .exports import ExportStore
    from .files import FileStore
    from .grants import GrantStore
    from .materializations import MaterializationStore
    from .members import MemberStore
    from .org import OrgStore
    from .permissions import PermissionStore
    from .tags import TagStore
    from .teams import TeamStore
    from .tenants import TenantStore
    from .tokens import TokenStore
    from .workbooks import WorkbookStore
    from .workspaces import WorkspaceStore

__all__ = ["Store", "StoreSpec"]

T = TypeVar("T")


class StoreSpec(Protocol):
    """What ``Store`` reads from a registry entry (:class:`..registry.Resource`)."""

    @property
    def name(self) -> str: ...
    @property
    def build(self) -> Callable[[Store], object] | None: ...
    @property
    def schema(self) -> str: ...


class Store:
    # the stores the registry builds, typed for the routes that reach them by name
    org: OrgStore
    account_types: AccountTypeStore
    tokens: TokenStore
    permissions: PermissionStore
    files: FileStore
    members: MemberStore
    grants: GrantStore
    workspaces: WorkspaceStore
    teams: TeamStore
    connections: ConnectionStore
    jobs: Jobs
    workbooks: WorkbookStore
    embeds: EmbedStore
    materializations: MaterializationStore
    exports: ExportStore
    tags: TagStore
    tenants: TenantStore
    rate_limits: RateLimits

    def __init__(
        self, path: str, *, seed: int, clock: Clock, resources: Sequence[StoreSpec]
    ) -> None:
        self.resources = tuple(resources)
        self.db = Database(path, [r.schema for r in self.resources if r.schema])
        self.clock = clock
        self.reset_ids(seed)

    def reset_ids(self, seed: int) -> None:
        """New id sequence, and every store built afresh over the same database."""
        self.ids = IdFactory(seed)
        self._by_type: dict[type, Any] = {}
        for resource in self.resources:
            if resource.build is None:
                continue
            built = resource.build(self)
            setattr(self, resource.name, built)
            self._by_type[type(built)] = built

    def get(self, kind: type[T]) -> T:
        """The store of this class (for stores without a typed attribute above)."""
        found: T = self._by_type[kind]
        return found

    def close(self) -> None:
        self.db.close()

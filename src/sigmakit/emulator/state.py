"""What one running emulator holds: its config, store, clock, faults, request counts and log."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field

from .clock import Clock
from .config import EmulatorConfig
from .faults import FaultInjector
from .requestlog import RequestLog
from .seed import SeedResult, seed
from .stats import RequestStats
from .store import Store, StoreSpec

__all__ = ["EmulatorState"]


@dataclass
class EmulatorState:
    config: EmulatorConfig
    store: Store
    clock: Clock
    faults: FaultInjector
    stats: RequestStats
    seeded: SeedResult | None = None
    #: the last API requests, for the console's request log
    requests: RequestLog = field(default_factory=RequestLog)

    @classmethod
    def create(cls, config: EmulatorConfig, resources: Sequence[StoreSpec]) -> EmulatorState:
        """The state of a new emulator with ``resources`` (the app hands down the registry's
        list, so this floor never reads the one above it)."""
        clock = Clock()
        state = cls(
            config=config,
            store=Store(config.db, seed=config.seed, clock=clock, resources=resources),
            clock=clock,
            faults=FaultInjector(config.faults),
            stats=RequestStats(),
        )
        if not state.store.org.seeded():
            state.reseed()
        else:  # an existing database file: keep its data, accept this run's credentials
            # The seed's id sequence was spent making what is there: new ids must come
            # from elsewhere, or the first thing created would reuse the first seeded id.
            state.store.reset_ids(secrets.randbits(64))
            admin = state.store.members.first_admin()
            state.store.org.add_credentials(config.client_id, config.client_secret, str(admin))
        return state

    def reseed(self) -> SeedResult:
        self.seeded = seed(self.store, self.config)
        self.stats.reset()
        return self.seeded

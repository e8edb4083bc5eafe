"""Everything an emulator run can be told: credentials, seed, sizes, faults."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field

from .faults import FaultConfig

__all__ = ["CONTROL_TOKEN_ENV", "EmulatorConfig", "SeedSizes"]

#: the control plane's token, for clients not on loopback
CONTROL_TOKEN_ENV = "SIGMAKIT_EMULATOR_CONTROL_TOKEN"

DEFAULT_SEED = 42


@dataclass
class SeedSizes:
    """How big the demo organization is."""

    members: int = 60
    teams: int = 8
    workspaces: int = 6
    connections: int = 4
    workbooks: int = 36
    #: pages in every workbook; None: 1 to 4, varying
    pages_per_workbook: int | None = None
    #: order lines in the retail warehouse every workbook reads (a million for large exports)
    orders: int = 40_000


@dataclass
class EmulatorConfig:
    client_id: str = ""
    client_secret: str = ""
    generated_credentials: bool = False
    db: str = ":memory:"
    seed: int = DEFAULT_SEED
    sizes: SeedSizes = field(default_factory=SeedSizes)
    token_ttl: int = 3600
    #: seconds an export stays downloadable once ready (Sigma: one hour)
    export_ttl: int = 3600
    #: Answer a bare JSON array when a list call sends no ``limit``, and 404 to
    #: ``GET /v2/workbooks/{id}/elements`` (Sigma before June 2026).
    legacy_lists: bool = False
    faults: FaultConfig = field(default_factory=FaultConfig)
    #: what a client not on loopback must send to use the control plane (``access.py``);
    #: empty: such clients are refused
    control_token: str = ""
    #: the organization's account types: "all" (today's defaults plus the older Creator,
    #: Explorer and Viewer as custom types), "default", "legacy", or names, comma-separated
    #: (see ``store.account_types``)
    account_types: str = "all"
    #: more names the ``Host`` header may carry (``name`` for any port, or ``name:port``),
    #: besides this server's own address and loopback (``access.host_refusal``)
    allowed_hosts: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.control_token:
            self.control_token = os.environ.get(CONTROL_TOKEN_ENV, "")
        if not self.client_id:
            self.client_id = os.environ.get("SIGMA_EMULATOR_CLIENT_ID", "")
        if not self.client_secret:
            self.client_secret = os.environ.get("SIGMA_EMULATOR_CLIENT_SECRET", "")
        if not self.client_id or not self.client_secret:
            self.client_id = self.client_id or "emu-" + secrets.token_hex(12)
            self.client_secret = self.client_secret or secrets.token_urlsafe(32)
            self.generated_credentials = True

    def __repr__(self) -> str:  # never show the secret
        return f"EmulatorConfig(client_id={self.client_id!r}, db={self.db!r}, seed={self.seed})"

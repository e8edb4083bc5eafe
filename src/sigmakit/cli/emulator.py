"""``sigmakit emulator``: run the local Sigma API emulator."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

__all__ = ["group"]

#: Seed sizes the emulator knows; each becomes a ``--<name>`` flag
#: (dashes for underscores). Kept in step with
#: ``sigmakit.emulator.config.SeedSizes`` by a test (this module must not import FastAPI).
SIZE_FLAGS: dict[str, str] = {
    "members": "people in the demo organization",
    "teams": "teams",
    "workspaces": "workspaces",
    "connections": "connections",
    "workbooks": "workbooks",
    "pages_per_workbook": "pages in every workbook (default: 1 to 4, varying)",
}


def _require_emulator() -> None:
    try:
        import fastapi  # noqa: F401
        import uvicorn  # noqa: F401
    except ModuleNotFoundError:
        from .._errors import ConfigError

        raise ConfigError(
            "the emulator needs its extra packages: pip install 'sigmakit[emulator]'"
        ) from None


def size_options(func: Callable[..., Any]) -> Callable[..., Any]:
    for name, what in reversed(SIZE_FLAGS.items()):
        least = 1 if name == "pages_per_workbook" else 0
        func = click.option(
            f"--{name.replace('_', '-')}",
            type=click.IntRange(min=least),
            help=f"Number of {what} to seed.",
        )(func)
    return func


@click.group()
def group() -> None:
    """A local emulator of Sigma's REST API, with a seeded demo organization."""


@group.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--db", default=":memory:", show_default=True, help="SQLite file to keep the organization in."
)
@click.option(
    "--seed", default=42, show_default=True, type=int, help="Seed of the demo organization."
)
@size_options
@click.option(
    "--token-ttl",
    type=click.IntRange(min=1),
    default=3600,
    show_default=True,
    help="Access token lifetime in seconds.",
)
@click.option(
    "--latency-ms", type=click.FloatRange(min=0), default=0, help="Added to every API request."
)
@click.option(
    "--error-rate", type=click.FloatRange(0, 1), default=0, help="Share of requests answered 5xx."
)
@click.option(
    "--rate-limit-rate",
    type=click.FloatRange(0, 1),
    default=0,
    help="Share of requests answered 429.",
)
@click.option(
    "--retry-after-share",
    type=click.FloatRange(0, 1),
    default=0.5,
    show_default=True,
    help="Share of those 429s that carry Retry-After.",
)
@click.option(
    "--drop-rate",
    type=click.FloatRange(0, 1),
    default=0,
    help="Share of requests whose connection is dropped.",
)
@click.option(
    "--max-rps",
    type=click.FloatRange(min=0),
    default=0,
    help="Requests per second before 429 (0: no limit).",
)
@click.option("--fault-seed", type=int, help="Seed of the fault sequence, for repeatable runs.")
@click.option(
    "--legacy-lists",
    is_flag=True,
    help="Answer bare arrays when no limit is sent, and 404 to a workbook's all-elements "
    "list (Sigma before June 2026).",
)
def serve(
    host: str,
    port: int,
    db: str,
    seed: int,
    token_ttl: int,
    latency_ms: float,
    error_rate: float,
    rate_limit_rate: float,
    retry_after_share: float,
    drop_rate: float,
    max_rps: float,
    fault_seed: int | None,
    legacy_lists: bool,
    **sizes: int | None,
) -> None:
    """Serve the emulator until interrupted (Ctrl-C).

    Credentials come from SIGMA_EMULATOR_CLIENT_ID and SIGMA_EMULATOR_CLIENT_SECRET;
    without them a pair is made and shown. The control plane is under /__emulator.
    """
    _require_emulator()
    from ..emulator import EmulatorConfig, FaultConfig, SeedSizes
    from ..emulator import serve as run

    faults = FaultConfig(
        latency_ms=latency_ms,
        error_rate=error_rate,
        rate_limit_rate=rate_limit_rate,
        retry_after_share=retry_after_share,
        drop_rate=drop_rate,
        max_rps=max_rps,
        seed=fault_seed,
    )
    try:
        faults.validate()
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    chosen = {k: v for k, v in sizes.items() if v is not None}
    config = EmulatorConfig(
        db=db,
        seed=seed,
        sizes=SeedSizes(**chosen),
        token_ttl=token_ttl,
        legacy_lists=legacy_lists,
        faults=faults,
    )
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback:
        click.echo(f"warning: listening on {host}: reachable from other machines", err=True)
    shown_host = f"[{host}]" if ":" in host else host
    base = f"http://{shown_host}:{port}"
    reused = db != ":memory:" and Path(db).exists()
    origin = (
        f"the organization kept in {db}" if reused else f"an organization seeded with seed {seed}"
    )
    click.echo(f"Sigma API emulator on {base}, with {origin}", err=True)
    click.echo(f"  console: {base}/__emulator/console", err=True)
    if config.generated_credentials:
        click.echo(
            "No SIGMA_EMULATOR_CLIENT_ID/SIGMA_EMULATOR_CLIENT_SECRET set; made a pair for this "
            "run. Point sigmakit at it with:",
            err=True,
        )
        click.echo(f"  export SIGMA_BASE_URL={base}", err=True)
        click.echo(f"  export SIGMA_CLIENT_ID={config.client_id}", err=True)
        click.echo(f"  export SIGMA_CLIENT_SECRET={config.client_secret}", err=True)
    else:
        click.echo(f"  export SIGMA_BASE_URL={base}  (credentials from SIGMA_EMULATOR_*)", err=True)
    import logging

    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%H:%M:%S"))
    log = logging.getLogger("sigmakit.emulator")
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
    run(config, host=host, port=port)

"""``sigmakit emulator serve``: serve the emulator until interrupted."""

from __future__ import annotations

import secrets
from pathlib import Path

import click

from ..extras import require_emulator
from .env_file import check_env_file, write_env_file
from .options import parse_account_types, parse_allowed_hosts, size_options


@click.command()
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
@click.option(
    "--edge-rate-limit-rate",
    type=click.FloatRange(0, 1),
    default=0,
    help="Share of requests answered by the edge's 429: an HTML page, no Retry-After.",
)
@click.option(
    "--error-after-rate",
    type=click.FloatRange(0, 1),
    default=0,
    help="Share of requests carried out, then answered 5xx.",
)
@click.option(
    "--drop-after-rate",
    type=click.FloatRange(0, 1),
    default=0,
    help="Share of requests carried out, then cut off before the answer.",
)
@click.option("--fault-seed", type=int, help="Seed of the fault sequence, for repeatable runs.")
@click.option(
    "--legacy-lists",
    is_flag=True,
    help="Answer bare arrays when no limit is sent, and 404 to a workbook's all-elements "
    "list (Sigma before June 2026).",
)
@click.option(
    "--env-file",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the settings a client needs (SIGMA_BASE_URL, SIGMA_CLIENT_ID, "
    "SIGMA_CLIENT_SECRET) to this file (mode 0600) once listening. An existing file is "
    "rewritten only if it holds just those settings for these same credentials, or with "
    "--force.",
)
@click.option("--force", is_flag=True, help="Let --env-file replace an existing file.")
@click.option(
    "--account-types",
    default="all",
    show_default=True,
    callback=lambda ctx, param, value: parse_account_types(value),
    help="The organization's account types: all (Admin, Pro, Essential, Lite, and Creator, "
    "Explorer, Viewer as custom types), default (the first four), legacy (Admin, Creator, "
    "Explorer, Viewer), or names, comma-separated.",
)
@click.option(
    "--allowed-host",
    "allowed_hosts",
    multiple=True,
    metavar="NAME[:PORT]",
    callback=lambda ctx, param, value: parse_allowed_hosts(value),
    help="Another name clients may reach the emulator by (the Host header); repeatable. "
    "Without it only this server's address and loopback names are answered.",
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
    edge_rate_limit_rate: float,
    error_after_rate: float,
    drop_after_rate: float,
    fault_seed: int | None,
    legacy_lists: bool,
    env_file: str | None,
    force: bool,
    account_types: str,
    allowed_hosts: tuple[str, ...],
    **sizes: int | None,
) -> None:
    """Serve the emulator until interrupted (Ctrl-C).

    Credentials come from SIGMA_EMULATOR_CLIENT_ID and SIGMA_EMULATOR_CLIENT_SECRET;
    without them a pair is made and shown. The control plane is under /__emulator; when
    listening beyond loopback, other machines need the control token (printed, or
    SIGMAKIT_EMULATOR_CONTROL_TOKEN). Nothing is printed until the server listens.
    """
    require_emulator()
    from ...emulator import EmulatorConfig, FaultConfig, SeedSizes
    from ...emulator import serve as run

    faults = FaultConfig(
        latency_ms=latency_ms,
        error_rate=error_rate,
        rate_limit_rate=rate_limit_rate,
        retry_after_share=retry_after_share,
        drop_rate=drop_rate,
        max_rps=max_rps,
        edge_rate_limit_rate=edge_rate_limit_rate,
        error_after_rate=error_after_rate,
        drop_after_rate=drop_after_rate,
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
        account_types=account_types,
        allowed_hosts=list(allowed_hosts),
    )
    if env_file:  # refused before listening: nothing to undo
        check_env_file(Path(env_file), config.client_id, config.client_secret, force=force)
    from ...emulator.access import is_loopback

    loopback = is_loopback(host)
    generated_token = False
    if not loopback and not config.control_token:
        config.control_token = secrets.token_urlsafe(24)
        generated_token = True
    reused = db != ":memory:" and Path(db).exists()

    def announce(real_port: int) -> None:
        shown_host = f"[{host}]" if ":" in host else host
        base = f"http://{shown_host}:{real_port}"
        origin = (
            f"the organization kept in {db}"
            if reused
            else f"an organization seeded with seed {seed}"
        )
        lines = [
            f"Sigma API emulator on {base}, with {origin}",
            f"  console: {base}/__emulator/console",
        ]
        if not loopback:
            lines.append(
                f"warning: listening on {host}: the API is reachable from other machines; "
                "its control plane (/__emulator) answers them only with the control token"
            )
            if generated_token:
                lines.append(
                    f"  control token: {config.control_token}  (send it as "
                    "X-Emulator-Control-Token; set SIGMAKIT_EMULATOR_CONTROL_TOKEN to choose it)"
                )
        if config.generated_credentials:
            lines.append(
                "No SIGMA_EMULATOR_CLIENT_ID/SIGMA_EMULATOR_CLIENT_SECRET set; made a pair for "
                "this run. Point sigmakit at it with:"
            )
            lines.append(f"  export SIGMA_BASE_URL={base}")
            lines.append(f"  export SIGMA_CLIENT_ID={config.client_id}")
            lines.append(f"  export SIGMA_CLIENT_SECRET={config.client_secret}")
        else:
            lines.append(f"  export SIGMA_BASE_URL={base}  (credentials from SIGMA_EMULATOR_*)")
        if env_file:
            write_env_file(Path(env_file), base, config.client_id, config.client_secret)
            lines.append(f"  settings for a client written to {env_file}")
        click.echo("\n".join(lines), err=True)

    import logging

    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%H:%M:%S"))
    log = logging.getLogger("sigmakit.emulator")
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
    try:  # the port is bound before anything is printed: a taken one is this one line
        run(config, host=host, port=port, on_listening=announce)
    except OSError as exc:
        from ..._errors import ConfigError

        raise ConfigError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None

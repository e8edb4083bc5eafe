"""``sigmakit auth``: log in (write a profile), the access token, and who the credentials
belong to."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

import click

from .context import AliasGroup, AppContext, pass_app
from .output import OutputOptions, emit_one, info, is_terminal, output_options
from .plain import CHECK_FIELDS, auth_check

__all__ = ["group", "write_profile"]

TOKEN_FIELDS = ("accessToken", "tokenType", "expiresAt", "expiresIn")


@click.group(cls=AliasGroup, aliases={"configure": "login"})
def group() -> None:
    """Log in, tokens and identity."""


def _mask(token: str) -> str:
    return f"{token[:4]}…{'*' * 8}" if len(token) > 8 else "*" * 8


@group.command()
@click.option(
    "--show", is_flag=True, help="Print the whole token (it grants API access: keep it safe)."
)
@output_options(fields=TOKEN_FIELDS)
@pass_app
def token(app: AppContext, show: bool, out: OutputOptions) -> None:
    """Get an access token (cached between runs; masked unless --show)."""
    from .._models import format_timestamp

    tok = app.client().token()
    if show:
        click.echo(tok.access_token)
        return
    from datetime import UTC, datetime

    emit_one(
        {
            "accessToken": _mask(tok.access_token),
            "tokenType": "bearer",
            "expiresAt": format_timestamp(datetime.fromtimestamp(tok.expires_at, UTC)),
            "expiresIn": max(0, int(tok.expires_at - time.time())),
        },
        out,
    )


@group.command()
@output_options(fields=CHECK_FIELDS)
@pass_app
def check(app: AppContext, out: OutputOptions) -> None:
    """Check the credentials: who they belong to, and where they point."""
    # a plain `sigmakit auth check` line is run by fast.run, without click: the same body
    auth_check(app.client, out)


# ----- login -----


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in escaped)
    return f'"{escaped}"'


def _toml_key(key: str) -> str:
    return key if key and all(c.isalnum() or c in "-_" for c in key) else _toml_value(key)


def _dump_toml(data: dict[str, Any]) -> str:
    """The config file's shape: top-level keys, then tables (``[profiles.NAME]``) of plain
    values. Enough for what sigmakit writes; other content is kept as read."""
    lines: list[str] = []
    tables: list[tuple[list[str], dict[str, Any]]] = []

    def walk(prefix: list[str], table: dict[str, Any]) -> None:
        plain = {k: v for k, v in table.items() if not isinstance(v, dict)}
        if prefix and (plain or not any(isinstance(v, dict) for v in table.values())):
            tables.append((prefix, plain))
        elif not prefix:
            lines.extend(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in plain.items())
        for k, v in table.items():
            if isinstance(v, dict):
                walk([*prefix, k], v)

    walk([], data)
    for prefix, plain in tables:
        if lines:
            lines.append("")
        lines.append("[" + ".".join(_toml_key(p) for p in prefix) + "]")
        lines.extend(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in plain.items())
    return "\n".join(lines) + "\n"


def write_profile(path: Path, name: str, values: dict[str, str]) -> None:
    """Set ``[profiles.NAME]`` in the config file at ``path`` (other profiles kept),
    written whole to a temporary file readable by its owner only (0600), then moved in."""
    import tomllib

    from .._errors import ConfigError

    data: dict[str, Any] = {}
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read config file {path}: {exc}") from None
    profiles = data.setdefault("profiles", {})
    if not isinstance(profiles, dict):
        raise ConfigError(f"config file {path}: 'profiles' must be a table")
    profiles[name] = values
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), 0o600)
            handle.write(_dump_toml(data))
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _ask(label: str, given: str | None, *, hide: bool = False) -> str:
    """A value from the option or environment, else asked on a terminal."""
    from .._errors import ConfigError

    if given:
        return given.strip()
    if not (is_terminal(sys.stdin) and is_terminal(sys.stderr)):
        raise ConfigError(f"missing {label}: give it as shown in 'sigmakit auth login --help'")
    value: str = click.prompt(label, hide_input=hide, err=True)
    return value.strip()


@group.command()
@click.option("--client-id", envvar="SIGMA_CLIENT_ID", help="API client id (env SIGMA_CLIENT_ID).")
@click.option(
    "--secret-stdin",
    is_flag=True,
    help="Read the client secret from the first line of stdin (for scripts). Otherwise it "
    "comes from SIGMA_CLIENT_SECRET or a hidden prompt; never from an option's value.",
)
@click.option(
    "--region",
    envvar="SIGMA_REGION",
    help="Sigma's cloud region, e.g. aws-us-west (env SIGMA_REGION).",
)
@click.option(
    "--base-url",
    envvar="SIGMA_BASE_URL",
    help="The API host instead of a region, e.g. an emulator's (env SIGMA_BASE_URL).",
)
@click.option(
    "--no-check", is_flag=True, help="Write the profile without asking Sigma for a token first."
)
@pass_app
def login(
    app: AppContext,
    client_id: str | None,
    secret_stdin: bool,
    region: str | None,
    base_url: str | None,
    no_check: bool,
) -> None:
    """Save API credentials as a profile (--profile NAME, default 'default'), after
    checking them with a token request. Asks for what the options and SIGMA_* variables do
    not give; the secret is asked hidden and never shown. Also called `auth configure`.

    \b
    sigmakit auth login
    sigmakit --profile prod auth login --client-id ID --region aws-us-west --secret-stdin < secret.txt
    """
    from .._errors import AuthenticationError, ConfigError
    from .._request import shown_url
    from .._settings import REGIONS, config_path, load_settings

    name = app.profile or "default"
    if region and base_url:
        raise click.UsageError("give --region or --base-url, not both")
    cid = _ask("Client ID", client_id)
    if secret_stdin:
        secret = sys.stdin.readline().strip()
        if not secret:
            raise ConfigError("--secret-stdin: stdin has no secret on its first line")
    else:
        secret = _ask("Client secret", os.environ.get("SIGMA_CLIENT_SECRET"), hide=True)
    if not (region or base_url):
        where = _ask(f"Region ({', '.join(REGIONS)}) or base URL", None)
        if where.startswith(("http://", "https://")):
            base_url = where
        else:
            region = where
    settings = load_settings(
        client_id=cid,
        client_secret=secret,
        region=region,
        base_url=base_url,
        env={},
        use_dotenv=False,
    )
    if not no_check:
        from .._auth import MemoryTokenCache
        from .._client import Sigma

        with Sigma(settings=settings, token_cache=MemoryTokenCache()) as sigma:
            try:
                sigma.token()
            except AuthenticationError:
                raise AuthenticationError(
                    401,
                    message=f"{shown_url(str(settings.base_url))} refused these credentials; "
                    "no profile was written",
                ) from None
    values = {"client_id": cid, "client_secret": secret}
    if region:
        values["region"] = region.strip()
    else:
        values["base_url"] = str(settings.base_url)
    path = config_path()
    write_profile(path, name, values)
    checked = "" if no_check else ", checked with a token request"
    info(f"saved profile {name!r} to {path} ({shown_url(str(settings.base_url))}{checked})")

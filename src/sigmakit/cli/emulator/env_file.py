"""The settings file ``sigmakit emulator serve --env-file`` writes: never over a file
that is not one it wrote, unless asked."""

from __future__ import annotations

from pathlib import Path

_ENV_KEYS = ("SIGMA_BASE_URL", "SIGMA_CLIENT_ID", "SIGMA_CLIENT_SECRET")


def _env_values(text: str) -> dict[str, str]:
    """``KEY=value`` lines as dotenv reads them (``export``, quotes, comments)."""
    values: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.removeprefix("export ").partition("=")
        if sep:
            values[key.strip()] = value.strip().strip("'\"")
    return values


def check_env_file(path: Path, client_id: str, secret: str, *, force: bool) -> None:
    """Refuse (:class:`InputError`) to rewrite an existing file unless ``force`` or it is one
    this emulator wrote: only the three settings, for the same credentials. A QuickStart
    ``.env`` with real credentials is never replaced by accident."""
    from ..._errors import InputError
    from ..._files import destination

    if force or not (path.exists() or path.is_symlink()):
        destination(path, overwrite=True)  # a folder, a missing folder, a dangling link
        return
    try:
        values = _env_values(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        values = {}
    if set(values) == set(_ENV_KEYS) and (
        values["SIGMA_CLIENT_ID"] == client_id and values["SIGMA_CLIENT_SECRET"] == secret
    ):
        destination(path, overwrite=True)
        return
    holds = (
        " and holds other credentials"
        if values.get("SIGMA_CLIENT_ID") or values.get("SIGMA_CLIENT_SECRET")
        else ""
    )
    raise InputError(f"{path} already exists{holds}; --force replaces it")


def write_env_file(path: Path, base: str, client_id: str, secret: str) -> None:
    """``KEY=value`` lines a client (sigmakit, python-dotenv, the QuickStart) reads; 0600
    when this creates the file (see :mod:`sigmakit._files`); checked by
    :func:`check_env_file` before listening."""
    from ..._files import write_file

    text = f"SIGMA_BASE_URL={base}\nSIGMA_CLIENT_ID={client_id}\nSIGMA_CLIENT_SECRET={secret}\n"
    write_file(path, [text.encode()], overwrite=True, mode=0o600)

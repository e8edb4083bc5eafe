"""Shell completion: ``sigmakit completion bash|zsh|fish`` prints the script, and the
names of teams, members (emails), workbooks and data models complete from the organization.

Names are read with the run's settings (profile included), at most once a few minutes:
they are kept in ``<cache dir>/completion-<key>.json`` (mode 0600), one file per API host
and client id. Completion never fails loudly: without settings, offline or refused, it
offers nothing (a stale list, if there is one) and the shell carries on.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from click.shell_completion import CompletionItem

__all__ = [
    "SHELLS",
    "complete_data_models",
    "complete_members",
    "complete_tags",
    "complete_teams",
    "complete_workbooks",
    "completion",
]

SHELLS = ("bash", "zsh", "fish")
#: seconds a list of names is used before it is read again
TTL = 300.0
#: seconds to wait for Sigma while the user waits at the prompt
TIMEOUT = 4.0
ENV_VAR = "_SIGMAKIT_COMPLETE"


@click.command()
@click.argument("shell", type=click.Choice(SHELLS))
def completion(shell: str) -> None:
    """Print the completion script for SHELL. Commands, options and the names of teams,
    members and workbooks then complete with TAB.

    \b
    bash:  eval "$(sigmakit completion bash)"            (in ~/.bashrc)
    zsh:   eval "$(sigmakit completion zsh)"             (in ~/.zshrc)
    fish:  sigmakit completion fish > ~/.config/fish/completions/sigmakit.fish
    """
    from click.shell_completion import get_completion_class

    from .main import cli

    cls = get_completion_class(shell)
    assert cls is not None  # click knows every shell in SHELLS
    click.echo(cls(cli, {}, "sigmakit", ENV_VAR).source())


def _cache_file(kind: str, base_url: str, client_id: str) -> Path:
    from .._auth import default_cache_dir

    key = hashlib.sha256(f"{base_url}\n{client_id}".encode()).hexdigest()[:16]
    return default_cache_dir() / f"completion-{kind}-{key}.json"


def _read(path: Path) -> tuple[float, list[str]] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return float(data["at"]), [str(n) for n in data["names"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write(path: Path, names: list[str]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"at": time.time(), "names": names}, handle)
    except OSError:
        pass  # a cache only


def names(ctx: click.Context, kind: str, fetch: Callable[[Any], list[str]]) -> list[str]:
    """The names of ``kind`` for the settings this command line would use: from the cache
    while fresh, else from Sigma (one listing); [] on any failure."""
    try:
        from dataclasses import replace

        from .._client import Sigma
        from .._retry import RetryPolicy
        from .._settings import load_settings

        profile = ctx.find_root().params.get("profile")
        settings = load_settings(profile=profile)
        if not (settings.base_url and settings.client_id and settings.client_secret):
            return []
        path = _cache_file(kind, settings.base_url, settings.client_id)
        cached = _read(path)
        if cached is not None and time.time() - cached[0] < TTL:
            return cached[1]
        try:
            with Sigma(
                settings=replace(settings, timeout=TIMEOUT), retry=RetryPolicy(max_retries=0)
            ) as sigma:
                found = sorted(set(fetch(sigma)), key=str.lower)
        except Exception:
            return cached[1] if cached is not None else []
        _write(path, found)
        return found
    except Exception:  # completion must never break the shell
        return []


def _items(found: list[str], incomplete: str) -> list[CompletionItem]:
    wanted = incomplete.lower()
    return [CompletionItem(n) for n in found if n.lower().startswith(wanted)]


def complete_teams(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    return _items(names(ctx, "teams", lambda s: [t.name for t in s.teams.list()]), incomplete)


def complete_members(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    return _items(names(ctx, "members", lambda s: [m.email for m in s.members.list()]), incomplete)


def complete_workbooks(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    def fetch(sigma: Any) -> list[str]:
        return [w.name for w in sigma.workbooks.list(exclude_tags=True, skip_permission_check=True)]

    return _items(names(ctx, "workbooks", fetch), incomplete)


def complete_tags(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    return _items(names(ctx, "tags", lambda s: [t.name for t in s.tags.list()]), incomplete)


def complete_data_models(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    found = names(ctx, "data-models", lambda s: [m.name for m in s.data_models.list()])
    return _items(found, incomplete)

"""What every command shares: the global options and one lazily built SDK client."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from .._client import Sigma
    from .._settings import Settings

__all__ = ["AppContext", "pass_app"]


@dataclass
class AppContext:
    profile: str | None = None
    debug: bool = False
    quiet: bool = False
    no_pager: bool = False
    _client: Sigma | None = field(default=None, repr=False)

    def settings(self) -> Settings:
        from .._settings import load_settings

        return load_settings(profile=self.profile)

    def client(self) -> Sigma:
        """The SDK client for this run; tokens are cached between runs unless
        ``SIGMAKIT_NO_TOKEN_CACHE`` is set."""
        if self._client is None:
            from .startup import make_client

            self._client = make_client(self.profile)
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None


pass_app = click.make_pass_decorator(AppContext, ensure=True)


class AliasGroup(click.Group):
    """A group where a command may also be called by another name (``members delete`` is
    ``members deactivate``). Aliases are not listed as commands of their own; the help of
    the command they name says them."""

    aliases: dict[str, str] = {}

    def __init__(self, *args: object, aliases: dict[str, str] | None = None, **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.aliases = dict(aliases or {})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return super().get_command(ctx, self.aliases.get(cmd_name, cmd_name))

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        # the command's own name, so its usage line and errors name it
        _, command, rest = super().resolve_command(ctx, args)
        return (command.name if command else None), command, rest

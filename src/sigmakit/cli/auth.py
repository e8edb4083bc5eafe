"""``sigmakit auth``: the access token, and who the credentials belong to."""

from __future__ import annotations

import time

import click

from .context import AppContext, pass_app
from .output import emit_one, output_options, resolve

__all__ = ["group"]


@click.group()
def group() -> None:
    """Tokens and identity."""


def _mask(token: str) -> str:
    return f"{token[:4]}…{'*' * 8}" if len(token) > 8 else "*" * 8


@group.command()
@click.option(
    "--show", is_flag=True, help="Print the whole token (it grants API access: keep it safe)."
)
@output_options
@pass_app
def token(
    app: AppContext, show: bool, output_format: str | None, fields: tuple[str, ...] | None
) -> None:
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
        resolve(output_format, fields),
    )


@group.command()
@output_options
@pass_app
def check(app: AppContext, output_format: str | None, fields: tuple[str, ...] | None) -> None:
    """Check the credentials: who they belong to, and where they point."""
    client = app.client()
    me = client.whoami()
    member = client.members.get(me.user_id)
    emit_one(
        {
            "userId": me.user_id,
            "organizationId": me.organization_id,
            "email": member.email,
            "name": member.name,
            "memberType": member.member_type,
            "baseUrl": client.base_url,
            "profile": client.settings.profile,
        },
        resolve(output_format, fields),
    )

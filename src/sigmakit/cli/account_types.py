"""``sigmakit account-types``: the organization's account types and what each may do."""

from __future__ import annotations

import click

from .context import AppContext, pass_app
from .output import emit, output_options, resolve

__all__ = ["group"]

TYPE_COLUMNS = ("accountTypeName", "isCustom", "description", "accountTypeId")
PERMISSION_COLUMNS = ("permission", "description")


@click.group()
def group() -> None:
    """Account types (Admin, Pro, Essential, Lite, and custom ones)."""


@group.command("list")
@output_options
@pass_app
def list_types(app: AppContext, output_format: str | None, fields: tuple[str, ...] | None) -> None:
    """List the organization's account types (needs an Admin's credentials)."""
    types = app.client().account_types.list()
    emit((t.to_dict() for t in types), resolve(output_format, fields), columns=TYPE_COLUMNS)


@group.command()
@click.argument("account_type")
@output_options
@pass_app
def permissions(
    app: AppContext, account_type: str, output_format: str | None, fields: tuple[str, ...] | None
) -> None:
    """The feature permissions ACCOUNT_TYPE (a name, any case, or an id) enables."""
    found = app.client().account_types.permissions(account_type)
    emit((p.to_dict() for p in found), resolve(output_format, fields), columns=PERMISSION_COLUMNS)

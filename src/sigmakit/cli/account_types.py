"""``sigmakit account-types``: the organization's account types and what each may do."""

from __future__ import annotations

import click

from .context import AppContext, pass_app
from .output import OutputOptions, emit, model_fields, output_options

__all__ = ["group"]

TYPE_COLUMNS = ("accountTypeName", "isCustom", "description", "accountTypeId")
PERMISSION_COLUMNS = ("permission", "description")


def type_fields() -> list[str]:
    from ..resources.account_types import AccountType

    return model_fields(AccountType)


def permission_fields() -> list[str]:
    from ..resources.account_types import AccountTypePermission

    return model_fields(AccountTypePermission)


@click.group()
def group() -> None:
    """Account types (Admin, Pro, Essential, Lite, and custom ones)."""


@group.command("list")
@output_options(fields=type_fields, columns=TYPE_COLUMNS, noun="account type")
@pass_app
def list_types(app: AppContext, out: OutputOptions) -> None:
    """List the organization's account types (needs an Admin's credentials)."""
    emit((t.to_dict() for t in app.client().account_types.list()), out)


@group.command()
@click.argument("account_type")
@output_options(fields=permission_fields, columns=PERMISSION_COLUMNS, noun="permission")
@pass_app
def permissions(app: AppContext, account_type: str, out: OutputOptions) -> None:
    """The feature permissions ACCOUNT_TYPE (a name, any case, or an id) enables."""
    emit((p.to_dict() for p in app.client().account_types.permissions(account_type)), out)

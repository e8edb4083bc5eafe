"""``sigmakit tenants``: the organization's tenant organizations (Admin credentials).

A tenant is named by id, slug or name (any case).
"""

from __future__ import annotations

import click

from .context import AppContext, pass_app
from .output import OutputOptions, emit, emit_one, model_fields, output_options

__all__ = ["group"]

TENANT_COLUMNS = (
    "tenantOrganizationName",
    "tenantOrganizationSlug",
    "tenantRegion",
    "tenantOrganizationId",
)


def tenant_fields() -> list[str]:
    from ..resources.tenants import Tenant

    return model_fields(Tenant)


@click.group()
def group() -> None:
    """Tenant organizations."""


@group.command("list")
@click.option("--search", help="Only tenants whose slug contains this text.")
@click.option(
    "--sort", type=click.Choice(["createdAt", "createdBy", "name", "url"]), help="Sort by this."
)
@click.option("--desc", is_flag=True, help="Sort in descending order.")
@output_options(fields=tenant_fields, columns=TENANT_COLUMNS, noun="tenant")
@pass_app
def list_tenants(
    app: AppContext, search: str | None, sort: str | None, desc: bool, out: OutputOptions
) -> None:
    """List the tenant organizations, every page of them."""
    tenants = app.client().tenants.list(
        search=search,
        sort=sort,  # type: ignore[arg-type]
        order="desc" if desc else None,
    )
    emit((t.to_dict() for t in tenants), out)


@group.command()
@click.argument("tenant")
@output_options(fields=tenant_fields)
@pass_app
def show(app: AppContext, tenant: str, out: OutputOptions) -> None:
    """One tenant organization (by id, slug or name)."""
    emit_one(app.client().tenants.get(tenant).to_dict(), out)

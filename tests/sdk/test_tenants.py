"""``sigma.tenants``: tenant organizations, their deployment capabilities and deployed
workbooks, against the emulator (seeded with Northwind Europe, which may deploy to Northwind
Canada and holds Sales Overview's deployed copy)."""

from __future__ import annotations

import pytest
from tests.support.helpers import route_count

from sigmakit import ConflictError, InputError, NotFoundError, Sigma
from sigmakit.emulator import EmulatorServer


def test_list_walks_token_pages_and_sorts(sigma: Sigma, emulator: EmulatorServer) -> None:
    names = [t.tenant_organization_name for t in sigma.tenants.list(page_size=1)]
    assert names == ["Northwind Europe", "Northwind Canada"]
    assert route_count(emulator, "GET /v2/tenants") == 2
    by_name = [t.tenant_organization_name for t in sigma.tenants.list(sort="name")]
    assert by_name == ["Northwind Canada", "Northwind Europe"]
    assert [t.tenant_organization_slug for t in sigma.tenants.list(search="canada")] == [
        "northwind-canada"
    ]


def test_get_by_id_slug_or_name(sigma: Sigma) -> None:
    europe = sigma.tenants.get("northwind-europe")
    assert europe.tenant_region == "eu-central-1" and europe.tenant_cloud_provider == "aws"
    assert europe.parent_organization_id == sigma.whoami(member=False).organization_id
    assert sigma.tenants.get(europe.tenant_organization_id) == europe
    assert sigma.tenants.get("NORTHWIND EUROPE") == europe
    with pytest.raises(NotFoundError) as caught:
        sigma.tenants.get("northwind-europa")
    assert "did you mean 'northwind-europe'?" in str(caught.value)


def test_create_rename_and_delete(sigma: Sigma) -> None:
    made = sigma.tenants.create(name="Northwind Asia", slug="northwind-asia", cloud_provider="gcp")
    assert made.tenant_cloud_provider == "gcp"
    with pytest.raises(ConflictError):
        sigma.tenants.create(name="Again", slug="northwind-asia")
    renamed = sigma.tenants.update("northwind-asia", name="Northwind APAC")
    assert renamed.tenant_organization_name == "Northwind APAC"
    assert renamed.tenant_organization_slug == "northwind-asia"
    sigma.tenants.delete(made.tenant_organization_id)
    with pytest.raises(NotFoundError):
        sigma.tenants.get(made.tenant_organization_id)


def test_deploy_targets_add_and_remove(sigma: Sigma) -> None:
    europe = sigma.tenants.get("northwind-europe")
    canada = sigma.tenants.get("northwind-canada")
    assert list(sigma.tenants.deploy_targets(europe)) == [canada.tenant_organization_id]
    assert list(sigma.tenants.deploy_targets(canada)) == []
    assert sigma.tenants.add_deploy_targets(canada, [europe.tenant_organization_id]) == [
        europe.tenant_organization_id
    ]
    sigma.tenants.remove_deploy_targets(europe, [canada.tenant_organization_id])
    assert list(sigma.tenants.deploy_targets(europe)) == []
    with pytest.raises(NotFoundError):
        sigma.tenants.add_deploy_targets(europe, ["00000000-0000-4000-8000-000000000000"])
    assert list(sigma.tenants.deploy_targets(europe)) == []
    sent = sigma.requests_sent
    with pytest.raises(InputError):
        sigma.tenants.add_deploy_targets(europe, [])
    assert sigma.requests_sent == sent


def test_the_deployed_copy_of_a_workbook(sigma: Sigma) -> None:
    sales = sigma.workbooks.resolve("Sales Overview")
    deployed = sigma.tenants.deployed_workbook("northwind-europe", sales.workbook_id)
    assert deployed.workbook_url.startswith("https://app.sigmacomputing.com/northwind-europe/")
    tagged = next(t for t in sigma.tags.workbook_tags(sales.workbook_id) if t.name == "Production")
    assert tagged.tagged_workbook_id
    by_tagged = sigma.tenants.deployed_workbook("northwind-europe", tagged.tagged_workbook_id)
    assert by_tagged == deployed
    with pytest.raises(NotFoundError, match="not deployed"):
        sigma.tenants.deployed_workbook("northwind-canada", sales.workbook_id)

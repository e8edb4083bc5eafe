"""``sigma.deployment_policies``, ``sigma.source_swap_policies`` and ``swap_sources`` on
workbooks and data models, against the emulator."""

from __future__ import annotations

import pytest

from sigmakit import InputError, NotFoundError, Sigma


def _attribute(sigma: Sigma) -> str:
    return sigma.user_attributes.create(name="Tenant warehouse").user_attribute_id


def test_a_deployment_policy_deploys_the_tagged_workbook(sigma: Sigma) -> None:
    production = sigma.tags.get("Staging")
    policy = sigma.deployment_policies.create(
        name="Regional", version_tag_id=production.version_tag_id, name_in_tenant="Shared"
    )
    assert policy.name_in_tenant == "Shared" and policy.source_swap_policies == []
    assert [p.name for p in sigma.deployment_policies.list()] == ["Northwind regional", "Regional"]
    canada = sigma.tenants.get("northwind-canada")
    workbook = sigma.workbooks.resolve("Demand Planning")
    sigma.deployment_policies.add_tenant(policy.deployment_policy_id, canada.tenant_organization_id)
    sigma.deployment_policies.add_documents(policy.deployment_policy_id, [workbook.workbook_id])
    [document] = sigma.deployment_policies.documents(policy.deployment_policy_id)
    assert (document.name, document.type) == ("Demand Planning", "workbook")
    assert list(sigma.deployment_policies.tenants(policy.deployment_policy_id)) == [
        canada.tenant_organization_id
    ]
    sigma.tags.tag_workbook(workbook.workbook_id, "Staging")
    deployed = sigma.tenants.deployed_workbook("northwind-canada", workbook.workbook_id)
    assert "/northwind-canada/workbook/" in deployed.workbook_url

    renamed = sigma.deployment_policies.update(policy.deployment_policy_id, name="EMEA")
    assert renamed.name == "EMEA"
    sigma.deployment_policies.archive(policy.deployment_policy_id)
    with pytest.raises(NotFoundError):
        sigma.deployment_policies.get(policy.deployment_policy_id)
    slugs = {t.tenant_organization_slug for t in sigma.deployment_policies.deployable_tenants()}
    assert slugs == {"northwind-europe", "northwind-canada"}


def test_source_swap_policies(sigma: Sigma) -> None:
    snowflake = next(c for c in sigma.connections.list() if c.type == "snowflake")
    swaps = {
        "toConnection": {"swapType": "attribute", "userAttributeId": _attribute(sigma)},
        "deploymentSwaps": [],
    }
    made = sigma.source_swap_policies.create(
        type="deployment", name="Regional", from_connection_id=snowflake.connection_id, swaps=swaps
    )
    assert made.from_connection_id == snowflake.connection_id and made.type == "deployment"
    assert sigma.source_swap_policies.update(made.policy_id, name="EU").name == "EU"
    assert [p.name for p in sigma.source_swap_policies.list()] == ["EU"]
    sigma.source_swap_policies.delete(made.policy_id)
    assert list(sigma.source_swap_policies.list()) == []
    sent = sigma.requests_sent
    with pytest.raises(InputError):
        sigma.source_swap_policies.create(
            type="warehouse", name="X", from_connection_id=snowflake.connection_id, swaps=swaps
        )
    assert sigma.requests_sent == sent


def test_swap_sources_moves_a_workbook_to_another_connection(sigma: Sigma) -> None:
    connections = {c.name: c.connection_id for c in sigma.connections.list()}
    workbook = sigma.workbooks.resolve("Store Operations")
    result = sigma.workbooks.swap_sources(
        workbook.workbook_id,
        connections={connections["Northwind Snowflake"]: connections["Operations Postgres"]},
    )
    assert result.unswapped_connections == []
    sql = [s for s in sigma.workbooks.sources(workbook.workbook_id) if s.type == "custom-sql"]
    assert sql and {s.connection_id for s in sql} == {connections["Operations Postgres"]}
    sent = sigma.requests_sent
    with pytest.raises(InputError):
        sigma.workbooks.swap_sources(workbook.workbook_id)
    with pytest.raises(InputError):
        sigma.data_models.swap_sources(" ", connections={"a": "b"})
    assert sigma.requests_sent == sent


def test_swap_sources_on_a_data_model_leaves_missing_paths_alone(sigma: Sigma) -> None:
    snowflake = next(c for c in sigma.connections.list() if c.type == "snowflake")
    model = next(m for m in sigma.data_models.list() if m.name == "Retail Sales")
    result = sigma.data_models.swap_sources(
        model.data_model_id,
        connections={snowflake.connection_id: snowflake.connection_id},
        paths={snowflake.connection_id: [(["RETAIL", "PUBLIC"], ["RETAIL", "NOWHERE"])]},
    )
    assert result.unswapped_sources  # no RETAIL.NOWHERE tables: nothing moved


def test_tagging_a_data_model(sigma: Sigma) -> None:
    model = next(m for m in sigma.data_models.list() if m.name == "Retail Sales")
    got = sigma.data_models.tag(model.data_model_id, "Staging", version=3)
    assert got.tagged_data_model_version == 3
    assert got.version_tag_id == sigma.tags.get("Staging").version_tag_id
    sent = sigma.requests_sent
    with pytest.raises(InputError):
        sigma.data_models.tag(model.data_model_id, "Staging", version=0)
    assert sigma.requests_sent == sent

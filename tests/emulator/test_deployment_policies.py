"""The emulator's deployment policies on the wire: a policy with its tenants and documents,
deploying the tagged version to the tenants, archiving, and bad input refused."""

from __future__ import annotations

import httpx
from tests.support.member_sessions import as_member
from tests.support.workbook_helpers import workbook_named

from sigmakit.emulator import EmulatorServer


def _tenants(api: httpx.Client) -> dict[str, str]:
    return {
        t["tenantOrganizationName"]: t["tenantOrganizationId"]
        for t in api.get("/v2/tenants").json()["entries"]
    }


def _tag(api: httpx.Client, name: str) -> str:
    return next(
        t["versionTagId"] for t in api.get("/v2/tags").json()["entries"] if t["name"] == name
    )


def _policy(api: httpx.Client, name: str = "Regional", tag: str = "Production") -> str:
    made = api.post(
        "/v2/deploymentPolicies",
        json={"name": name, "versionTagId": _tag(api, tag), "nameInTenant": "Shared"},
    )
    assert made.status_code == 200, made.text
    return str(made.json()["deploymentPolicyId"])


def _names(api: httpx.Client) -> list[str]:
    return [p["name"] for p in api.get("/v2/deploymentPolicies").json()["entries"]]


def test_the_demo_organization_deploys_sales_overview_to_europe(api: httpx.Client) -> None:
    [seeded] = api.get("/v2/deploymentPolicies").json()["entries"]
    assert seeded["name"] == "Northwind regional"
    assert seeded["versionTagId"] == _tag(api, "Production")
    policy = seeded["deploymentPolicyId"]
    europe = _tenants(api)["Northwind Europe"]
    assert api.get(f"/v2/deploymentPolicies/{policy}/tenants").json()["entries"] == [europe]
    [document] = api.get(f"/v2/deploymentPolicies/{policy}/files").json()["entries"]
    assert document["inode"]["name"] == "Sales Overview"
    assert _deployed(api, europe, document["inodeId"], policy).status_code == 200


def _deployed(api: httpx.Client, tenant: str, workbook_id: str, policy: str) -> httpx.Response:
    return api.get(
        f"/v2/tenants/{tenant}/workbooks",
        params={"parentWorkbookId": workbook_id, "deploymentPolicyId": policy},
    )


def test_a_policy_holds_its_tenants_and_documents(api: httpx.Client) -> None:
    policy = _policy(api)
    got = api.get(f"/v2/deploymentPolicies/{policy}").json()
    assert got == {
        "deploymentPolicyId": policy,
        "name": "Regional",
        "nameInTenant": "Shared",
        "versionTagId": _tag(api, "Production"),
        "sourceSwapPolicies": [],
        "copyInputTableData": False,
    }
    canada = _tenants(api)["Northwind Canada"]
    assert (
        api.post(
            f"/v2/deploymentPolicies/{policy}/tenants", json={"tenantOrganizationId": canada}
        ).status_code
        == 200
    )
    assert api.get(f"/v2/deploymentPolicies/{policy}/tenants").json()["entries"] == [canada]
    workbook = workbook_named(api, "Demand Planning")
    added = api.post(
        f"/v2/deploymentPolicies/{policy}/files", json={"inodeIds": [workbook["workbookId"]]}
    )
    assert added.status_code == 200
    files = api.get(f"/v2/deploymentPolicies/{policy}/files").json()["entries"]
    assert files == [
        {
            "inodeId": workbook["workbookId"],
            "inode": {
                "name": "Demand Planning",
                "type": "workbook",
                "workbookId": workbook["workbookId"],
            },
            "deploymentPolicyId": policy,
        }
    ]
    patched = api.patch(f"/v2/deploymentPolicies/{policy}", json={"copyInputTableData": True})
    assert patched.json()["copyInputTableData"] is True and patched.json()["name"] == "Regional"

    path = f"/v2/deploymentPolicies/{policy}"
    assert api.delete(f"{path}/files/{workbook['workbookId']}").status_code == 200
    assert api.get(f"{path}/files").json()["entries"] == []
    assert api.delete(f"{path}/tenants/{canada}").status_code == 200
    assert api.delete(f"{path}/tenants/{canada}").status_code == 404


def test_tagging_a_document_deploys_it_to_the_policy_tenants(api: httpx.Client) -> None:
    policy = _policy(api, tag="Staging")
    canada = _tenants(api)["Northwind Canada"]
    workbook_id = workbook_named(api, "Demand Planning")["workbookId"]
    api.post(f"/v2/deploymentPolicies/{policy}/tenants", json={"tenantOrganizationId": canada})
    api.post(f"/v2/deploymentPolicies/{policy}/files", json={"inodeIds": [workbook_id]})
    assert _deployed(api, canada, workbook_id, policy).status_code == 404  # not tagged yet

    tagged = api.post("/v2/workbooks/tag", json={"workbookId": workbook_id, "tag": "Staging"})
    assert tagged.status_code == 200, tagged.text
    first = _deployed(api, canada, workbook_id, policy)
    assert first.status_code == 200
    assert first.json()["workbookUrl"].startswith(
        "https://app.sigmacomputing.com/northwind-canada/workbook/"
    )
    # tagging again updates the tenant's copy in place: the same workbook, not a second one
    api.post(
        "/v2/workbooks/tag",
        json={"workbookId": workbook_id, "tag": "Staging", "workbookVersion": 1},
    )
    assert _deployed(api, canada, workbook_id, policy).json() == first.json()


def test_adding_a_tenant_deploys_what_is_tagged_already(api: httpx.Client) -> None:
    policy = _policy(api, tag="Staging")
    europe = _tenants(api)["Northwind Europe"]
    workbook_id = workbook_named(api, "Product Mix")["workbookId"]
    api.post("/v2/workbooks/tag", json={"workbookId": workbook_id, "tag": "Staging"})
    api.post(f"/v2/deploymentPolicies/{policy}/files", json={"inodeIds": [workbook_id]})
    assert _deployed(api, europe, workbook_id, policy).status_code == 404
    api.post(f"/v2/deploymentPolicies/{policy}/tenants", json={"tenantOrganizationId": europe})
    assert _deployed(api, europe, workbook_id, policy).status_code == 200


def test_deleting_archives_the_policy(api: httpx.Client) -> None:
    policy = _policy(api)
    assert api.delete(f"/v2/deploymentPolicies/{policy}").status_code == 200
    assert api.get(f"/v2/deploymentPolicies/{policy}").status_code == 404
    assert _names(api) == ["Northwind regional"]


def test_the_deployable_tenants_are_every_tenant(api: httpx.Client) -> None:
    got = api.get("/v2/deploymentPolicies/tenants").json()["entries"]
    assert {t["tenantOrganizationSlug"] for t in got} == {"northwind-europe", "northwind-canada"}
    only = api.get("/v2/deploymentPolicies/tenants", params={"search": "canada"}).json()
    assert [t["tenantOrganizationName"] for t in only["entries"]] == ["Northwind Canada"]


def test_bad_input_is_refused_and_changes_nothing(
    api: httpx.Client, emulator: EmulatorServer
) -> None:
    assert api.post("/v2/deploymentPolicies", json={"name": " "}).status_code == 400
    assert (
        api.post(
            "/v2/deploymentPolicies", json={"name": "X", "versionTagId": "no-such-tag"}
        ).status_code
        == 404
    )
    assert (
        api.post(
            "/v2/deploymentPolicies", json={"name": "X", "sourceSwapPolicies": ["nope"]}
        ).status_code
        == 404
    )
    assert _names(api) == ["Northwind regional"]
    policy = _policy(api)
    workbook_id = workbook_named(api, "Demand Planning")["workbookId"]
    connection = api.get("/v2/connections").json()["entries"][0]["connectionId"]
    refused = api.post(
        f"/v2/deploymentPolicies/{policy}/files", json={"inodeIds": [workbook_id, connection]}
    )
    assert refused.status_code == 404
    assert api.get(f"/v2/deploymentPolicies/{policy}/files").json()["entries"] == []
    assert (
        api.post(
            f"/v2/deploymentPolicies/{policy}/tenants", json={"tenantOrganizationId": "nope"}
        ).status_code
        == 404
    )
    with as_member(emulator, "Pro") as pro:
        assert pro.get("/v2/deploymentPolicies").status_code == 403

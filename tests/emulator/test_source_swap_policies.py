"""The emulator's source swap policies on the wire: what a policy holds, who may manage them,
and bad input refused with nothing created."""

from __future__ import annotations

from typing import Any

import httpx
from tests.support.member_sessions import as_member

from sigmakit.emulator import EmulatorServer


def _connections(api: httpx.Client) -> dict[str, str]:
    return {c["name"]: c["connectionId"] for c in api.get("/v2/connections").json()["entries"]}


def _attribute(api: httpx.Client, name: str = "Tenant warehouse") -> str:
    made = api.post("/v2/user-attributes", json={"name": name})
    assert made.status_code == 200, made.text
    return str(made.json()["userAttributeId"])


def deployment_policy_body(api: httpx.Client, attribute_id: str) -> dict[str, Any]:
    return {
        "type": "deployment",
        "name": "Regional warehouses",
        "fromConnectionId": _connections(api)["Northwind Snowflake"],
        "swaps": {
            "toConnection": {"swapType": "attribute", "userAttributeId": attribute_id},
            "deploymentSwaps": [
                {
                    "from": {
                        "path0": {"swapType": "exact", "catalogObject": "RETAIL"},
                        "path1": {"swapType": "all"},
                    },
                    "to": {
                        "path0": {"swapType": "exact", "catalogObject": "RETAIL_EU"},
                        "path1": {"swapType": "all"},
                    },
                }
            ],
        },
    }


def test_a_policy_is_created_read_changed_listed_and_deleted(api: httpx.Client) -> None:
    body = deployment_policy_body(api, _attribute(api))
    made = api.post("/v2/sourceSwapPolicies", json=body)
    assert made.status_code == 200, made.text
    policy_id = made.json()["policyId"]
    got = api.get(f"/v2/sourceSwapPolicies/{policy_id}").json()
    assert got["type"] == "deployment" and got["name"] == "Regional warehouses"
    assert got["fromConnectionId"] == body["fromConnectionId"]
    assert got["swaps"]["deploymentSwaps"][0]["to"]["path0"]["catalogObject"] == "RETAIL_EU"

    renamed = api.patch(f"/v2/sourceSwapPolicies/{policy_id}", json={"name": "EU warehouses"})
    assert renamed.status_code == 200 and renamed.json() == {"policyId": policy_id}
    listed = api.get("/v2/sourceSwapPolicies").json()
    assert [(p["policyId"], p["name"]) for p in listed["entries"]] == [(policy_id, "EU warehouses")]
    assert listed["total"] == 1

    assert api.delete(f"/v2/sourceSwapPolicies/{policy_id}").status_code == 200
    assert api.get(f"/v2/sourceSwapPolicies/{policy_id}").status_code == 404
    assert api.get("/v2/sourceSwapPolicies").json()["entries"] == []


def test_a_connection_policy_moves_paths_inside_its_connection(api: httpx.Client) -> None:
    made = api.post(
        "/v2/sourceSwapPolicies",
        json={
            "type": "connection",
            "name": "Staging schema",
            "fromConnectionId": _connections(api)["Northwind Snowflake"],
            "swaps": {
                "connectionSwaps": [
                    {
                        "to": {
                            "path0": {"swapType": "all"},
                            "path1": {"swapType": "exact", "catalogObject": "STAGING"},
                        }
                    }
                ]
            },
        },
    )
    assert made.status_code == 200, made.text
    got = api.get(f"/v2/sourceSwapPolicies/{made.json()['policyId']}").json()
    assert got["swaps"]["connectionSwaps"][0]["to"]["path1"]["catalogObject"] == "STAGING"


def test_bad_policies_are_refused_and_nothing_is_created(
    api: httpx.Client, emulator: EmulatorServer
) -> None:
    attribute = _attribute(api)
    no_connection = {**deployment_policy_body(api, attribute), "fromConnectionId": "nope"}
    assert api.post("/v2/sourceSwapPolicies", json=no_connection).status_code == 404
    no_attribute = deployment_policy_body(api, "missing-attribute")
    assert api.post("/v2/sourceSwapPolicies", json=no_attribute).status_code == 404
    bad_type = {**deployment_policy_body(api, attribute), "type": "warehouse"}
    refused = api.post("/v2/sourceSwapPolicies", json=bad_type)
    assert refused.status_code == 400 and "type" in refused.json()["message"]
    exact_without_value = deployment_policy_body(api, attribute)
    exact_without_value["swaps"]["deploymentSwaps"][0]["to"]["path0"] = {"swapType": "exact"}
    assert api.post("/v2/sourceSwapPolicies", json=exact_without_value).status_code == 400
    with as_member(emulator, "Pro") as pro:
        forbidden = pro.post("/v2/sourceSwapPolicies", json=deployment_policy_body(api, attribute))
        assert forbidden.status_code == 403
    assert api.get("/v2/sourceSwapPolicies").json()["entries"] == []

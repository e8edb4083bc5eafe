"""Sigma's published workbook code representation (``/v2/workbooks/{id}/spec``,
``/v2/workbooks/spec`` and ``/spec/verify``, "(Beta)") through HTTP: YAML by default both
ways, the metadata around the pages, a round trip, versions, creation and verification."""

from __future__ import annotations

import copy
import json
from typing import Any

import httpx
import yaml
from tests.support.sigma_http import assert_sigma_error, walk

JSON = {"Accept": "application/json"}


def workbook(api: httpx.Client, name: str = "Sales Overview") -> dict[str, Any]:
    found = {w["name"]: w for w in walk(api, "/v2/workbooks")}
    return dict(found[name])


def spec(api: httpx.Client, workbook_id: str, **params: Any) -> dict[str, Any]:
    got = api.get(f"/v2/workbooks/{workbook_id}/spec", params={"format": "json", **params})
    assert got.status_code == 200, got.text
    body: dict[str, Any] = got.json()
    return body


def fresh_ids(doc: dict[str, Any], prefix: str) -> dict[str, Any]:
    """``doc`` with new page and element ids (a copy's ids are the original's otherwise)."""
    fresh = copy.deepcopy(doc)
    for p, page in enumerate(fresh["pages"]):
        page["id"] = f"{prefix}Page{p}"
        for e, element in enumerate(page["elements"]):
            element["id"] = f"{prefix}El{p}x{e}"
    return fresh


def test_yaml_by_default_json_on_request(api: httpx.Client) -> None:
    wb = workbook(api)
    url = f"/v2/workbooks/{wb['workbookId']}/spec"
    plain = api.get(url, headers={"Accept": "*/*"})
    assert plain.status_code == 200, plain.text
    assert plain.headers["content-type"].startswith("application/yaml")
    as_yaml = yaml.safe_load(plain.text)
    for got in (api.get(url, params={"format": "json"}), api.get(url, headers=JSON)):
        assert got.headers["content-type"].startswith("application/json")
        assert got.json() == as_yaml
    assert yaml.safe_load(api.get(url, params={"format": "yml"}).text) == as_yaml

    # WorkbookSpec: the metadata, then the document; schemaVersion is a number
    assert as_yaml["workbookId"] == wb["workbookId"]
    assert (as_yaml["name"], as_yaml["url"], as_yaml["ownerId"]) == (
        wb["name"],
        wb["url"],
        wb["ownerId"],
    )
    assert as_yaml["documentVersion"] == as_yaml["latestDocumentVersion"] == wb["latestVersion"]
    assert as_yaml["schemaVersion"] == 1 and as_yaml["kind"] == "workbook"
    assert as_yaml["layout"] is None
    pages = walk(api, f"/v2/workbooks/{wb['workbookId']}/pages")
    assert [p["id"] for p in as_yaml["pages"]] == [p["pageId"] for p in pages]


def test_a_round_trip_keeps_the_version_and_a_change_makes_one(api: httpx.Client) -> None:
    wid = workbook(api)["workbookId"]
    doc = spec(api, wid)
    version = doc["documentVersion"]
    # the whole GET answer back, as YAML (the default): nothing changed, no new version
    same = api.put(f"/v2/workbooks/{wid}/spec", content=yaml.safe_dump(doc))
    assert same.status_code == 200, same.text
    assert same.json() == {"success": True, "workbookId": wid}
    assert spec(api, wid)["documentVersion"] == version

    changed = copy.deepcopy(doc)
    changed["pages"][0]["name"] = "Renamed by spec"
    changed["pages"][0]["elements"] = changed["pages"][0]["elements"][:1]
    kept = changed["pages"][0]["elements"][0]
    changed["name"] = "Ignored: an update takes pages only"
    got = api.put(
        f"/v2/workbooks/{wid}/spec",
        content=json.dumps(changed),
        headers={"Content-Type": "application/json"},
    )
    assert got.status_code == 200, got.text
    after = spec(api, wid)
    assert after["documentVersion"] == after["latestDocumentVersion"] == version + 1
    assert after["name"] == doc["name"]
    pages = walk(api, f"/v2/workbooks/{wid}/pages")
    assert pages[0]["name"] == "Renamed by spec"
    elements = walk(api, f"/v2/workbooks/{wid}/pages/{pages[0]['pageId']}/elements")
    assert [e["elementId"] for e in elements] == [kept["id"]]
    # the earlier version is still readable
    old = spec(api, wid, documentVersion=version)
    assert old["documentVersion"] == version and old["latestDocumentVersion"] == version + 1
    assert old["pages"] == doc["pages"]


def test_a_stale_document_version_is_refused_with_nothing_written(api: httpx.Client) -> None:
    wid = workbook(api)["workbookId"]
    doc = spec(api, wid)
    first = copy.deepcopy(doc)
    first["pages"][0]["name"] = "First"
    assert api.put(f"/v2/workbooks/{wid}/spec", json=first).status_code == 200
    second = copy.deepcopy(doc)
    second["pages"][0]["name"] = "Second"
    got = api.put(f"/v2/workbooks/{wid}/spec", json=second)
    assert_sigma_error(got, 409)
    assert "changed since version" in got.json()["message"]
    assert walk(api, f"/v2/workbooks/{wid}/pages")[0]["name"] == "First"
    assert spec(api, wid)["documentVersion"] == doc["documentVersion"] + 1


def test_create_then_read(api: httpx.Client) -> None:
    doc = spec(api, workbook(api)["workbookId"])
    before = len(walk(api, "/v2/workbooks"))
    body = fresh_ids(doc, "made") | {"name": "Made from a spec", "description": "by code"}
    made = api.post("/v2/workbooks/spec", content=yaml.safe_dump(body))
    assert made.status_code == 200, made.text
    answer = made.json()
    assert set(answer) == {"success", "workbookId"} and answer["success"] is True
    got = spec(api, answer["workbookId"])
    assert (got["name"], got["folderId"], got["description"]) == (
        "Made from a spec",
        doc["folderId"],
        "by code",
    )
    assert got["documentVersion"] == 1 and got["pages"] == body["pages"]
    assert len(walk(api, "/v2/workbooks")) == before + 1


def test_verify_writes_nothing(api: httpx.Client) -> None:
    doc = spec(api, workbook(api)["workbookId"])
    before = walk(api, "/v2/workbooks")
    good = fresh_ids(doc, "checked") | {"name": "Checked", "schemaVersion": "1"}
    got = api.post("/v2/workbooks/spec/verify", json=good)
    assert got.status_code == 200, got.text
    assert got.json() == {"valid": True}

    clash = doc | {"name": "Clash"}  # the original's page and element ids are taken
    bad = api.post("/v2/workbooks/spec/verify", json=clash)
    assert bad.status_code == 200, bad.text
    verdict = bad.json()
    assert verdict["valid"] is False and len(verdict["errors"]) == 1
    assert "is a page of another workbook" in verdict["errors"][0]["summary"]
    nowhere = api.post("/v2/workbooks/spec/verify", json=good | {"folderId": "nope"})
    assert nowhere.json() == {"valid": False, "errors": [{"summary": "Folder not found: nope"}]}
    assert walk(api, "/v2/workbooks") == before


def test_bad_input_is_a_one_line_400(api: httpx.Client) -> None:
    wid = workbook(api)["workbookId"]
    doc = spec(api, wid)
    url = f"/v2/workbooks/{wid}/spec"
    cases: list[tuple[httpx.Response, str]] = [
        (api.get(url, params={"format": "xml"}), "format must be yaml, yml or json"),
        (api.put(url, content="pages: [unclosed"), "The body is not valid YAML"),
        (api.put(url, content=""), "Invalid spec: the spec must be an object"),
        (api.put(url, content="a: &x [1]\nb: *x\n"), "YAML aliases are not accepted"),
        (api.put(url, content="schemaVersion: 1\n---\npages: []\n"), "The body is not valid YAML"),
        (
            api.put(url, content="{", headers={"Content-Type": "application/json"}),
            "The body is not valid JSON",
        ),
        (api.put(url, json={"pages": doc["pages"]}), "Invalid spec: schemaVersion: required (1)"),
        (api.put(url, json=doc | {"schemaVersion": 2}), "Invalid spec: schemaVersion: must be 1"),
        (api.put(url, json=doc | {"kind": "data-model"}), "Invalid spec: kind: must be workbook"),
        (api.put(url, json={"schemaVersion": 1}), "Invalid spec: pages"),
        (
            api.put(url, json=doc | {"documentVersion": "two"}),
            "Invalid spec: documentVersion: must be a whole number",
        ),
        (
            api.post("/v2/workbooks/spec", json=doc | {"name": "  "}),
            "Invalid spec: name: required",
        ),
    ]
    unknown = copy.deepcopy(doc)
    unknown["pages"][0]["colour"] = "red"
    cases.append((api.put(url, json=unknown), "Invalid spec: pages[0].colour: unknown field"))
    for got, words in cases:
        body = assert_sigma_error(got, 400)
        assert body["message"].startswith(words), body
        assert "\n" not in body["message"]
    assert spec(api, wid) == doc


def test_pages_are_sigma_pages_hidden_by_visibility(api: httpx.Client) -> None:
    wid = workbook(api)["workbookId"]
    doc = spec(api, wid)
    pages = walk(api, f"/v2/workbooks/{wid}/pages")
    assert [p.get("visibility") for p in doc["pages"]] == [
        "hidden" if p["hidden"] else None for p in pages
    ]
    assert all("hidden" not in p for p in doc["pages"])
    shown = next(i for i, p in enumerate(pages) if not p["hidden"])
    hidden = copy.deepcopy(doc)
    hidden["pages"][shown] |= {"type": "page", "visibility": "hidden"}
    got = api.put(f"/v2/workbooks/{wid}/spec", json=hidden)
    assert got.status_code == 200, got.text
    assert walk(api, f"/v2/workbooks/{wid}/pages")[shown]["hidden"] is True
    after = spec(api, wid)
    assert after["pages"][shown]["visibility"] == "hidden"
    assert after["documentVersion"] == doc["documentVersion"] + 1
    # read back and written again unchanged: the same version
    assert api.put(f"/v2/workbooks/{wid}/spec", json=after).status_code == 200
    assert spec(api, wid)["documentVersion"] == after["documentVersion"]

    for change, words in [
        ({"type": "modal"}, "Invalid spec: pages[0].type: 'modal' pages are not emulated"),
        ({"hidden": True}, "Invalid spec: pages[0].hidden: unknown field"),
        ({"visibility": {"kind": "specific-users-and-teams"}}, "Invalid spec: pages[0].visibility"),
    ]:
        bad = copy.deepcopy(after)
        bad["pages"][0] |= change
        body = assert_sigma_error(api.put(f"/v2/workbooks/{wid}/spec", json=bad), 400)
        assert body["message"].startswith(words), body
    assert spec(api, wid) == after

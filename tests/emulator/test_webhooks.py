"""Webhooks (beta) through HTTP: a workbook's webhook-triggered action sequence, its
schema and a call to it; and dbt artifacts added to a connection."""

from __future__ import annotations

import io
import json
import tarfile
from typing import Any

import httpx
from tests.support.sigma_http import assert_sigma_error, walk
from tests.support.workbook_helpers import workbook_named

from sigmakit.emulator import EmulatorServer


def seeded_webhooks(emulator: EmulatorServer) -> list[dict[str, Any]]:
    with emulator.control() as control:
        response = control.get("/webhooks")
        response.raise_for_status()
        entries: list[dict[str, Any]] = response.json()["entries"]
        return entries


def test_a_webhook_takes_the_variables_its_schema_names(
    api: httpx.Client, emulator: EmulatorServer
) -> None:
    (hook,) = seeded_webhooks(emulator)
    assert hook["workbookId"] == workbook_named(api, "Sales Overview")["workbookId"]
    url = f"/v2/webhooks/{hook['workbookId']}/{hook['sequenceId']}"
    schema = api.get(f"{url}/schema")
    assert schema.status_code == 200, schema.text
    variables = schema.json()["variables"]
    assert set(variables) == {"region", "amount", "approved"}

    called = api.post(url, json={"region": "West", "amount": 12.5, "approved": True})
    assert called.status_code == 202, called.text
    trace = called.json()["traceId"]
    # refused and not run: a variable the sequence lacks, a value of the wrong type
    assert "colour" in assert_sigma_error(api.post(url, json={"colour": "red"}), 400)["message"]
    assert_sigma_error(api.post(url, json={"amount": "lots"}), 400)
    assert_sigma_error(api.post(url, json={"approved": 1}), 400)
    (hook,) = seeded_webhooks(emulator)
    assert [c["traceId"] for c in hook["calls"]] == [trace]
    assert hook["calls"][0]["body"] == {"region": "West", "amount": 12.5, "approved": True}

    other = workbook_named(api, "Demand Planning")["workbookId"]
    assert_sigma_error(api.get(f"/v2/webhooks/{other}/{hook['sequenceId']}/schema"), 404)
    assert_sigma_error(api.post(f"/v2/webhooks/{hook['workbookId']}/nope", json={}), 404)


def _archive(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as archive:
        for name, content in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    return out.getvalue()


MANIFEST = {
    "nodes": {
        "model.shop.orders": {"resource_type": "model"},
        "model.shop.stores": {"resource_type": "model"},
        "test.shop.not_null": {"resource_type": "test"},
    },
    "sources": {"source.shop.raw.orders": {}},
}


def test_dbt_artifacts_are_read_from_a_target_folder(
    api: httpx.Client, emulator: EmulatorServer
) -> None:
    connection = walk(api, "/v2/connections", limit=5)[0]["connectionId"]
    url = f"/v2/connections/{connection}/dbtArtifacts"
    good = _archive({"target/manifest.json": json.dumps(MANIFEST).encode()})
    sent = api.post(url, files={"artifacts": ("target.tar.gz", good, "application/gzip")})
    assert sent.status_code == 201, sent.text
    assert sent.json() == {}
    with emulator.control() as control:
        read = control.get(f"/connections/{connection}/dbt-artifacts").json()
    assert (read["models"], read["tests"], read["sources"]) == (2, 1, 1)
    assert read["filename"] == "target.tar.gz"

    # refused: not a tar.gz, no manifest, no file at all, an unknown connection
    bad = api.post(url, files={"artifacts": ("x.tar.gz", b"not gzip", "application/gzip")})
    assert "tar.gz" in assert_sigma_error(bad, 400)["message"]
    empty = _archive({"target/run_results.json": b"{}"})
    no_manifest = api.post(url, files={"artifacts": ("t.tar.gz", empty, "application/gzip")})
    assert "manifest.json" in assert_sigma_error(no_manifest, 400)["message"]
    assert_sigma_error(api.post(url, files={"other": ("t.tar.gz", good)}), 400)
    assert_sigma_error(api.post(url, json={"artifacts": "x"}), 400)
    unknown = "/v2/connections/no-such-connection/dbtArtifacts"
    assert_sigma_error(api.post(unknown, files={"artifacts": ("t.tar.gz", good)}), 404)
    with emulator.control() as control:
        assert control.get(f"/connections/{connection}/dbt-artifacts").json() == read

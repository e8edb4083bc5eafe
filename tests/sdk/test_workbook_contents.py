"""sigma.workbooks' code representation (contents) against the emulator: read, replaced
whole under a documentVersion, created from, and checked without writing (dry run)."""

from __future__ import annotations

import pytest
import yaml
from tests.support.helpers import client_settings

from sigmakit import AsyncSigma, ConflictError, InputError, Sigma
from sigmakit.emulator import EmulatorServer


def overview_id(sigma: Sigma) -> str:
    return next(w.workbook_id for w in sigma.workbooks.list() if w.name == "Sales Overview")


def test_get_contents_as_json_and_yaml(sigma: Sigma) -> None:
    wid = overview_id(sigma)
    doc = sigma.workbooks.get_contents(wid)
    assert doc["kind"] == "workbook" and doc["name"] == "Sales Overview"
    assert doc["documentVersion"] == sigma.workbooks.get(wid).latest_version
    text = sigma.workbooks.get_contents(wid, format="yaml")
    assert isinstance(text, str) and yaml.safe_load(text)["contents"] == doc
    sent = sigma.requests_sent
    with pytest.raises(InputError, match="json or yaml"):
        sigma.workbooks.get_contents(wid, format="xml")
    with pytest.raises(InputError, match="workbook by its id"):
        sigma.workbooks.get_contents(" ")
    assert sigma.requests_sent == sent


def test_update_contents_checks_the_version(sigma: Sigma) -> None:
    wid = overview_id(sigma)
    doc = sigma.workbooks.get_contents(wid)
    version = doc["documentVersion"]
    doc["pages"][0]["name"] = "Summary"
    new = sigma.workbooks.update_contents(wid, doc, document_version=version)
    assert new["documentVersion"] == version + 1
    assert next(iter(sigma.workbooks.pages(wid))).name == "Summary"
    sent = sigma.requests_sent
    with pytest.raises(ConflictError):
        sigma.workbooks.update_contents(wid, doc, document_version=version)
    assert sigma.requests_sent == sent + 1  # never retried
    with pytest.raises(InputError, match="pages list"):
        sigma.workbooks.update_contents(wid, {"name": "x"})
    with pytest.raises(InputError, match="not valid YAML"):
        sigma.workbooks.update_contents(wid, "pages: [")
    assert sigma.requests_sent == sent + 1


def test_create_from_contents_with_a_dry_run_first(sigma: Sigma) -> None:
    doc = sigma.workbooks.get_contents(overview_id(sigma))
    page = doc["pages"][0]
    element = {**next(e for e in page["elements"] if "source" in e), "id": "sdkEl1"}
    contents = {"pages": [{"id": "sdkPg1", "name": "Only", "elements": [element]}]}
    before = len(list(sigma.workbooks.list()))
    sent = sigma.requests_sent
    with pytest.raises(InputError, match="folder"):
        sigma.workbooks.create_from_contents(contents, name="SDK made")
    assert sigma.requests_sent == sent
    checked = sigma.workbooks.create_from_contents(
        contents, name="SDK made", folder_id=doc["folderId"], dry_run=True
    )
    assert checked["valid"] is True
    assert len(list(sigma.workbooks.list())) == before
    made = sigma.workbooks.create_from_contents(
        contents, name="SDK made", folder_id=doc["folderId"]
    )
    assert made["contents"]["pages"] == contents["pages"]
    assert [e.element_id for e in sigma.workbooks.all_elements(made["workbookId"])] == ["sdkEl1"]


@pytest.mark.anyio
@pytest.mark.parametrize("anyio_backend", ["asyncio"])
async def test_the_async_client_reads_and_writes_contents(emulator: EmulatorServer) -> None:
    async with AsyncSigma(settings=client_settings(emulator)) as sigma:
        books = await sigma.workbooks.list().to_list()
        wid = next(w.workbook_id for w in books if w.name == "Sales Overview")
        text = await sigma.workbooks.get_contents(wid, format="yaml")
        doc = yaml.safe_load(text)["contents"]
        doc["pages"][0]["name"] = "Async"
        new = await sigma.workbooks.update_contents(
            wid, doc, document_version=doc["documentVersion"]
        )
        assert new["pages"][0]["name"] == "Async"

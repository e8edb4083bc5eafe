"""sigma.workbook_specs (Sigma's published workbook code representation, ``/spec``) against
the emulator: read as a dict or YAML, replaced under a documentVersion, created from, and
verified without writing."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from tests.support.helpers import client_settings

from sigmakit import (
    AsyncSigma,
    ConflictError,
    InputError,
    Sigma,
    WorkbookSpecCheck,
    WorkbookSpecWrite,
)
from sigmakit.emulator import EmulatorServer


def overview_id(sigma: Sigma) -> str:
    return next(w.workbook_id for w in sigma.workbooks.list() if w.name == "Sales Overview")


def one_page(doc: dict[str, Any], prefix: str) -> dict[str, Any]:
    """A spec of one page holding a copy of ``doc``'s first reading element, new ids."""
    element = next(e for p in doc["pages"] for e in p["elements"] if "source" in e)
    page = {"id": f"{prefix}Pg", "name": "Only", "elements": [{**element, "id": f"{prefix}El"}]}
    return {"schemaVersion": 1, "pages": [page]}


def test_get_as_a_dict_and_as_yaml(sigma: Sigma) -> None:
    wid = overview_id(sigma)
    doc = sigma.workbook_specs.get(wid)
    assert (doc["workbookId"], doc["name"], doc["kind"]) == (wid, "Sales Overview", "workbook")
    assert doc["schemaVersion"] == 1 and doc["layout"] is None
    assert doc["documentVersion"] == sigma.workbooks.get(wid).latest_version
    text = sigma.workbook_specs.get_yaml(wid)
    assert yaml.safe_load(text) == doc
    sent = sigma.requests_sent
    with pytest.raises(InputError, match="workbook by its id"):
        sigma.workbook_specs.get(" ")
    assert sigma.requests_sent == sent


def test_update_checks_the_version(sigma: Sigma) -> None:
    wid = overview_id(sigma)
    doc = sigma.workbook_specs.get(wid)
    version = doc["documentVersion"]
    doc["pages"][0]["name"] = "Summary"
    written = sigma.workbook_specs.update(wid, doc)
    assert written == WorkbookSpecWrite(success=True, workbook_id=wid)
    assert sigma.workbook_specs.get(wid)["documentVersion"] == version + 1
    assert next(iter(sigma.workbooks.pages(wid))).name == "Summary"
    sent = sigma.requests_sent
    with pytest.raises(ConflictError):
        sigma.workbook_specs.update(wid, yaml.safe_dump(doc))  # still at `version`
    assert sigma.requests_sent == sent + 1  # never retried
    with pytest.raises(InputError, match="pages list"):
        sigma.workbook_specs.update(wid, {"name": "x"})
    with pytest.raises(InputError, match="not valid YAML"):
        sigma.workbook_specs.update(wid, "pages: [")
    assert sigma.requests_sent == sent + 1


def test_verify_then_create(sigma: Sigma) -> None:
    doc = sigma.workbook_specs.get(overview_id(sigma))
    spec = one_page(doc, "sdk")
    before = len(list(sigma.workbooks.list()))
    sent = sigma.requests_sent
    with pytest.raises(InputError, match="folder"):
        sigma.workbook_specs.verify(spec, name="SDK made")
    with pytest.raises(InputError, match="name"):
        sigma.workbook_specs.create(spec, folder_id=doc["folderId"])
    assert sigma.requests_sent == sent

    good = sigma.workbook_specs.verify(spec, name="SDK made", folder_id=doc["folderId"])
    assert good == WorkbookSpecCheck(valid=True)
    bad = sigma.workbook_specs.verify(doc, name="SDK made", folder_id=doc["folderId"])
    assert bad.valid is False and "of another workbook" in bad.errors[0].summary
    assert len(list(sigma.workbooks.list())) == before

    made = sigma.workbook_specs.create(
        spec, name="SDK made", folder_id=doc["folderId"], description="from the SDK"
    )
    assert made.success is True
    got = sigma.workbook_specs.get(made.workbook_id)
    assert (got["name"], got["description"], got["pages"]) == (
        "SDK made",
        "from the SDK",
        spec["pages"],
    )
    assert [e.element_id for e in sigma.workbooks.all_elements(made.workbook_id)] == ["sdkEl"]


@pytest.mark.anyio
@pytest.mark.parametrize("anyio_backend", ["asyncio"])
async def test_the_async_client_reads_and_writes_specs(emulator: EmulatorServer) -> None:
    async with AsyncSigma(settings=client_settings(emulator)) as sigma:
        books = await sigma.workbooks.list().to_list()
        wid = next(w.workbook_id for w in books if w.name == "Sales Overview")
        doc = yaml.safe_load(await sigma.workbook_specs.get_yaml(wid))
        doc["pages"][0]["name"] = "Async"
        written = await sigma.workbook_specs.update(wid, doc)
        assert written.workbook_id == wid
        assert (await sigma.workbook_specs.get(wid))["pages"][0]["name"] == "Async"
        check = await sigma.workbook_specs.verify(
            one_page(doc, "async"), name="Async made", folder_id=doc["folderId"]
        )
        assert check.valid is True

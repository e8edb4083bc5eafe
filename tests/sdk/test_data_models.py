"""sigma.data_models against the emulator: the code representation read and written."""

from __future__ import annotations

import pytest
import yaml
from tests.support.helpers import client_settings
from tests.support.workbook_helpers import jobs

from sigmakit import AsyncSigma, BadRequestError, ConflictError, InputError, NotFoundError, Sigma
from sigmakit.emulator import EmulatorServer


def retail_id(sigma: Sigma) -> str:
    return next(m.data_model_id for m in sigma.data_models.list() if m.name == "Retail Sales")


def test_get_spec_as_json_and_yaml(sigma: Sigma) -> None:
    model_id = retail_id(sigma)
    doc = sigma.data_models.get_spec(model_id)
    assert doc["name"] == "Retail Sales" and doc["documentVersion"] == 14
    text = sigma.data_models.get_spec(model_id, format="yaml")
    assert isinstance(text, str) and yaml.safe_load(text) == doc
    sent = sigma.requests_sent
    with pytest.raises(InputError, match="json or yaml"):
        sigma.data_models.get_spec(model_id, format="xml")
    assert sigma.requests_sent == sent


def test_update_spec_checks_the_version_and_takes_yaml_text(sigma: Sigma) -> None:
    model_id = retail_id(sigma)
    doc = sigma.data_models.get_spec(model_id)
    doc["pages"][0]["name"] = "Overview"
    # Sigma answers {success, dataModelId}; the document is read back
    answer = sigma.data_models.update_spec(model_id, doc, document_version=14)
    assert answer == {"success": True, "dataModelId": model_id}
    new = sigma.data_models.get_spec(model_id)
    assert new["documentVersion"] == 15 and new["pages"][0]["name"] == "Overview"
    sent = sigma.requests_sent
    with pytest.raises(ConflictError):
        sigma.data_models.update_spec(model_id, doc, document_version=14)
    # a write naming a version is sent once: a retry after a lost answer would be stale
    assert sigma.requests_sent == sent + 1
    text = sigma.data_models.get_spec(model_id, format="yaml").replace(
        "name: Overview", "name: Summary"
    )
    sigma.data_models.update_spec(model_id, text)
    assert sigma.data_models.get_spec(model_id)["pages"][0]["name"] == "Summary"
    sent = sigma.requests_sent
    with pytest.raises(InputError, match="not valid YAML"):
        sigma.data_models.update_spec(model_id, "pages: [")
    with pytest.raises(InputError, match="pages list"):
        sigma.data_models.update_spec(model_id, {"name": "x"})
    assert sigma.requests_sent == sent


def test_create_spec_in_a_folder(sigma: Sigma) -> None:
    doc = sigma.data_models.get_spec(retail_id(sigma))
    element = {**doc["pages"][0]["elements"][0], "id": "sdk-orders"}
    spec = {"name": "SDK Orders", "pages": [{"id": "p", "name": "P", "elements": [element]}]}
    sent = sigma.requests_sent
    with pytest.raises(InputError, match="folder"):
        sigma.data_models.create_spec(spec)
    assert sigma.requests_sent == sent
    created = sigma.data_models.create_spec(spec, folder_id=doc["folderId"])
    # no schemaVersion given: the SDK sends "1", the only one there is
    assert sigma.data_models.get_spec(created["dataModelId"])["documentVersion"] == 1
    assert "SDK Orders" in [m.name for m in sigma.data_models.list()]


def test_tags_say_which_version_each_tag_marks_and_lineage_which_tables(sigma: Sigma) -> None:
    model_id = retail_id(sigma)
    sigma.tags.create("SDK Release")
    sigma.data_models.tag(model_id, "SDK Release", version=3)
    marks = {t.tag_name: t.source_version for t in sigma.data_models.tags(model_id)}
    assert marks["SDK Release"] == 3
    sigma.data_models.tag(model_id, "SDK Release")  # moves it to the latest
    marks = {t.tag_name: t.source_version for t in sigma.data_models.tags(model_id)}
    assert marks["SDK Release"] == 14
    lineage = list(sigma.data_models.lineage(model_id))
    tables = {e.inode_id: e for e in lineage if e.type == "table"}
    elements = [e for e in lineage if e.type == "element"]
    assert tables and elements and all(t.connection_id and t.name for t in tables.values())
    assert all(set(e.data_source_ids) <= set(tables) for e in elements)
    sent = sigma.requests_sent
    with pytest.raises(InputError, match="data model"):
        list(sigma.data_models.tags(" "))
    assert sigma.requests_sent == sent


@pytest.mark.anyio
@pytest.mark.parametrize("anyio_backend", ["asyncio"])
async def test_the_async_client_reads_and_writes_specs(emulator: EmulatorServer) -> None:
    async with AsyncSigma(settings=client_settings(emulator)) as sigma:
        models = await sigma.data_models.list().to_list()
        model_id = next(m.data_model_id for m in models if m.name == "Retail Sales")
        text = await sigma.data_models.get_spec(model_id, format="yaml")
        assert yaml.safe_load(text)["documentVersion"] == 14
        await sigma.data_models.update_spec(
            model_id, text.replace("name: Page 1", "name: Async"), document_version=14
        )
        new = await sigma.data_models.get_spec(model_id)
        assert new["documentVersion"] == 15 and new["pages"][0]["name"] == "Async"


def _dataset(sigma: Sigma, name: str) -> str:
    me = sigma.whoami().user_id
    found = [f.id for f in sigma.files.of_member(me, type_filters="dataset") if f.name == name]
    assert len(found) == 1
    return found[0]


def test_migrate_a_dataset_to_a_data_model(sigma: Sigma, emulator: EmulatorServer) -> None:
    directory = _dataset(sigma, "Store Directory")
    dry = sigma.data_models.migrate_dataset(directory, update_references=False, dry_run=True)
    assert dry.data_model_id is None and dry.links[0]["target"]["datasetId"] == directory
    assert "Store Directory" not in {m.name for m in sigma.data_models.list()}
    done = sigma.data_models.migrate_dataset(directory, update_references=True)
    assert done.data_model_id is not None
    assert sigma.data_models.get(done.data_model_id).name == "Store Directory"
    with pytest.raises(BadRequestError, match="already migrated"):
        sigma.data_models.migrate_dataset(directory, update_references=True)
    sent = sigma.requests_sent
    with pytest.raises(InputError, match="dataset"):
        sigma.data_models.migrate_dataset(" ", update_references=True)
    assert sigma.requests_sent == sent


def test_materialize_a_dataset(sigma: Sigma, emulator: EmulatorServer) -> None:
    directory = _dataset(sigma, "Store Directory")
    jobs(emulator, mode="immediate")
    task = sigma.data_models.materialize_dataset(directory)["taskId"]
    assert task
    (run,) = list(sigma.data_models.dataset_materializations(directory))
    assert run["status"] == "success"


def test_resolve_finds_a_model_by_id_url_id_or_name(sigma: Sigma) -> None:
    model_id = retail_id(sigma)
    found = sigma.data_models.resolve("Retail Sales")
    assert found.data_model_id == model_id and found.data_model_url_id
    assert found.updated_at is not None and found.owner_id
    assert sigma.data_models.resolve(found.data_model_url_id).data_model_id == model_id
    sent = sigma.requests_sent
    assert sigma.data_models.resolve(model_id).name == "Retail Sales"
    assert sigma.requests_sent == sent + 1  # an id is one read, no listing
    with pytest.raises(NotFoundError, match="did you mean 'Retail Sales'"):
        sigma.data_models.resolve("Retail Sale")
    sent = sigma.requests_sent
    with pytest.raises(InputError):
        sigma.data_models.resolve("  ")
    assert sigma.requests_sent == sent


def test_elements_columns_and_materialization_schedules(sigma: Sigma) -> None:
    model_id = retail_id(sigma)
    elements = sigma.data_models.elements(model_id, page_size=1)
    assert [e.name for e in elements] == ["Orders", "Stores", "Products", "Order Lines"]
    assert elements.pages_fetched == 4  # one element a page, walked to the end
    columns = list(sigma.data_models.columns(model_id))
    orders = next(e for e in elements if e.name == "Orders")
    revenue = next(c for c in columns if c.name == "Revenue" and c.element_id == orders.element_id)
    assert revenue.type == {"type": "number"} and revenue.formula
    (entry,) = sigma.data_models.materialization_schedules(model_id)
    assert entry.element_name == "Order Lines" and entry.schedule is not None
    assert (entry.schedule.cron_spec, entry.schedule.timezone) == ("0 5 * * *", "America/New_York")


@pytest.mark.anyio
@pytest.mark.parametrize("anyio_backend", ["asyncio"])
async def test_async_resolve_and_elements(emulator: EmulatorServer) -> None:
    async with AsyncSigma(settings=client_settings(emulator)) as sigma:
        found = await sigma.data_models.resolve("Marketing Funnel")
        names = [e.name async for e in sigma.data_models.elements(found.data_model_id)]
    assert names[:2] == ["Sessions", "Campaigns"]

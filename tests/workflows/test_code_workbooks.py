"""sigmakit.workflows.code against the emulator for workbooks: pull, plan, apply and drift of
their contents kept as YAML files."""

from __future__ import annotations

from pathlib import Path

import pytest

from sigmakit import ConflictError, Sigma
from sigmakit.workflows.code import apply_plans, drift, plan, pull

WORKBOOK = ("workbook",)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "sigma"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def overview_id(sigma: Sigma) -> str:
    return next(w.workbook_id for w in sigma.workbooks.list() if w.name == "Sales Overview")


def test_pull_writes_every_workbook_and_applying_them_back_changes_nothing(
    sigma: Sigma, folder: Path
) -> None:
    books = list(sigma.workbooks.list())
    pulled = pull(sigma, folder, kinds=WORKBOOK)
    assert len(pulled) == len(books) and len({p.path for p in pulled}) == len(books)
    text = (folder / "sales-overview.yaml").read_text()
    assert text.startswith("# sigmakit code: a Sigma workbook;")
    assert f"\n# workbookId: {overview_id(sigma)}\n" in text
    assert text.split("\n", 3)[3].startswith("schemaVersion: '1'\nkind: workbook\nname: Sales")
    before = snapshot(folder)
    assert {p.status for p in pull(sigma, folder, kinds=WORKBOOK)} == {"unchanged"}
    assert snapshot(folder) == before

    plans = plan(sigma, folder)
    assert [p.changes for p in plans] == [[]] * len(books)
    sent = sigma.requests_sent
    assert apply_plans(sigma, plans) == []
    assert sigma.requests_sent == sent
    assert {w.workbook_id: w.latest_version for w in sigma.workbooks.list()} == {
        w.workbook_id: w.latest_version for w in books
    }
    assert {d.status for d in drift(sigma, folder)} == {"in sync"}


def test_pull_chooses_by_folder_path_and_workspace(sigma: Sigma, folder: Path) -> None:
    books = list(sigma.workbooks.list())
    path = next(w.path for w in books if w.name == "Demand Planning")
    under = [w.name for w in books if w.path == path or w.path.startswith(path + "/")]
    got = pull(sigma, folder, kinds=WORKBOOK, in_folder=path)
    assert sorted(p.name for p in got) == sorted(under)
    top = path.split("/")[0]
    got = pull(sigma, folder / "ws", kinds=WORKBOOK, workspace=top)
    assert sorted(p.name for p in got) == sorted(
        w.name for w in books if w.path.split("/")[0] == top
    )


def test_a_local_edit_is_planned_in_words_applied_and_pulls_back_identical(
    sigma: Sigma, folder: Path
) -> None:
    pull(sigma, folder, ["Sales Overview"], kinds=WORKBOOK)
    path = folder / "sales-overview.yaml"
    wid = overview_id(sigma)
    doc = sigma.workbooks.get_contents(wid)
    page = doc["pages"][0]
    element = next(e for e in page["elements"] if e.get("source"))
    text = path.read_text()
    text = text.replace(f"name: {page['name']}\n", "name: Summary\n", 1)
    text = text.replace(f"name: {element['name']}\n", "name: Revenue by month\n", 1)
    path.write_text(text)

    (p,) = plan(sigma, folder)
    assert p.changes == [
        f"~ page {page['name']}: renamed Summary",
        f"~ element {element['name']}: renamed Revenue by month",
    ]
    assert [d.status for d in drift(sigma, folder)] == ["edited here"]
    (done,) = apply_plans(sigma, [p])
    assert done.document_version == doc["documentVersion"] + 1
    assert next(iter(sigma.workbooks.pages(wid))).name == "Summary"
    names = [e.name for e in sigma.workbooks.all_elements(wid)]
    assert "Revenue by month" in names and element["name"] not in names

    after = path.read_bytes()
    assert [x.status for x in pull(sigma, folder, ["Sales Overview"], kinds=WORKBOOK)] == [
        "unchanged"
    ]
    assert path.read_bytes() == after
    assert [x.changes for x in plan(sigma, folder)] == [[]]


def test_a_change_made_through_the_api_is_drift_and_apply_refuses_it(
    sigma: Sigma, folder: Path
) -> None:
    pull(sigma, folder, ["Sales Overview"], kinds=WORKBOOK)
    wid = overview_id(sigma)
    # someone edits the workbook in Sigma (as the UI would): the last page goes
    doc = sigma.workbooks.get_contents(wid)
    gone = doc["pages"][-1]
    doc["pages"] = doc["pages"][:-1]
    sigma.workbooks.update_contents(wid, doc)

    (d,) = drift(sigma, folder)
    assert d.status == "changed in Sigma"
    assert f"- page {gone['name']}" in d.changes
    (p,) = plan(sigma, folder)
    assert p.stale and f"+ page {gone['name']}" in p.changes

    path = folder / "sales-overview.yaml"
    path.write_text(
        path.read_text().replace(
            "kind: workbook\nname: Sales Overview", "kind: workbook\nname: Sales Overview v2"
        )
    )
    before = snapshot(folder)
    version = sigma.workbooks.get(wid).latest_version
    with pytest.raises(ConflictError, match="changed in Sigma since pulled"):
        apply_plans(sigma, plan(sigma, folder))
    assert snapshot(folder) == before
    assert sigma.workbooks.get(wid).latest_version == version
    assert sigma.workbooks.get(wid).name == "Sales Overview"

"""sigmakit.workflows.code against the emulator: pull, plan, apply and drift of data models
kept as YAML files."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from sigmakit import ConflictError, InputError, NotFoundError, Sigma
from sigmakit.workflows.code import apply_plans, drift, plan, pull


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "sigma"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def retail_id(sigma: Sigma) -> str:
    return next(m.data_model_id for m in sigma.data_models.list() if m.name == "Retail Sales")


def test_pull_writes_one_stable_file_per_model_and_apply_of_it_is_a_no_op(
    sigma: Sigma, folder: Path
) -> None:
    pulled = pull(sigma, folder)
    assert sorted(p.path.name for p in pulled) == ["marketing-funnel.yaml", "retail-sales.yaml"]
    text = (folder / "retail-sales.yaml").read_text()
    assert f"# dataModelId: {retail_id(sigma)}\n" in text
    body = text.split("\n", 3)[3]
    assert body.startswith("schemaVersion: '1'\nkind: data-model\nname: Retail Sales\n")
    before = snapshot(folder)
    assert [p.status for p in pull(sigma, folder)] == ["unchanged", "unchanged"]
    assert snapshot(folder) == before

    plans = plan(sigma, folder)
    assert [p.changes for p in plans] == [[], []]
    assert not any(p.stale for p in plans)
    sent = sigma.requests_sent
    assert apply_plans(sigma, plans) == []
    assert sigma.requests_sent == sent
    assert sigma.data_models.get(retail_id(sigma)).latest_version == 14
    assert [d.status for d in drift(sigma, folder)] == ["in sync", "in sync"]


def test_a_local_edit_is_planned_applied_exactly_and_pulls_back_identical(
    sigma: Sigma, folder: Path
) -> None:
    pull(sigma, folder, ["Retail Sales"])
    path = folder / "retail-sales.yaml"
    edited = path.read_text().replace(
        "formula: '[Orders/Revenue]'", "formula: '[Orders/Revenue] * 2'"
    )
    assert edited != path.read_text()
    path.write_text(edited)

    (p,) = plan(sigma, folder)
    assert p.changes == [
        "~ column Orders/Revenue: formula [Orders/Revenue] -> [Orders/Revenue] * 2"
    ]
    (d,) = drift(sigma, folder)
    assert d.status == "edited here"

    (done,) = apply_plans(sigma, [p])
    assert done.document_version == 15
    remote = sigma.data_models.get_spec(retail_id(sigma))
    revenue = next(c for c in remote["pages"][0]["elements"][0]["columns"] if c["id"] == "REVENUE")
    assert revenue["formula"] == "[Orders/Revenue] * 2"
    # only that column changed
    old = sigma.data_models.get_spec(retail_id(sigma), document_version=14)
    old["pages"][0]["elements"][0]["columns"][8]["formula"] = "[Orders/Revenue] * 2"
    assert old["pages"] == remote["pages"]

    after = path.read_bytes()
    assert b"documentVersion: 15" in after
    assert [x.status for x in pull(sigma, folder, ["Retail Sales"])] == ["unchanged"]
    assert path.read_bytes() == after
    assert [x.changes for x in plan(sigma, folder)] == [[]]


def test_a_change_made_in_sigma_shows_as_drift_and_apply_refuses_it(
    sigma: Sigma, folder: Path
) -> None:
    pull(sigma, folder, ["Retail Sales"])
    path = folder / "retail-sales.yaml"
    # someone edits the model in Sigma (as the UI would)
    doc = sigma.data_models.get_spec(retail_id(sigma))
    doc["pages"][0]["elements"] = doc["pages"][0]["elements"][:3]
    sigma.data_models.update_spec(retail_id(sigma), doc)

    (d,) = drift(sigma, folder)
    assert d.status == "changed in Sigma"
    assert d.changes == ["- element Order Lines"]
    (p,) = plan(sigma, folder)
    assert p.stale and p.changes == [
        "+ element Order Lines on join of element Orders, element Stores, element Products"
    ]

    # a local edit on top: apply refuses, nothing written in Sigma or in the folder
    path.write_text(path.read_text().replace("name: Page 1", "name: Overview"))
    before = snapshot(folder)
    sent = sigma.requests_sent
    with pytest.raises(ConflictError, match="changed in Sigma since pulled"):
        apply_plans(sigma, plan(sigma, folder))
    assert sigma.requests_sent == sent + 1  # the plan read the model, nothing more
    assert snapshot(folder) == before
    assert sigma.data_models.get(retail_id(sigma)).latest_version == 15

    # --force applies over it, still guarded by the version the plan read
    (done,) = apply_plans(sigma, plan(sigma, folder), force=True)
    assert done.document_version == 16
    assert sigma.data_models.get_spec(retail_id(sigma))["pages"][0]["name"] == "Overview"


def test_pull_keeps_local_edits_unless_forced(sigma: Sigma, folder: Path) -> None:
    pull(sigma, folder)
    path = folder / "retail-sales.yaml"
    path.write_text(path.read_text().replace("name: Page 1", "name: Mine"))
    other = folder / "marketing-funnel.yaml"
    other.write_text(other.read_text() + "# a note\n")
    before = snapshot(folder)
    with pytest.raises(InputError, match=r"retail-sales\.yaml, marketing-funnel\.yaml: edited"):
        pull(sigma, folder)
    assert snapshot(folder) == before
    pull(sigma, folder, force=True)
    assert "name: Mine" not in path.read_text()


def test_pull_leaves_a_file_it_did_not_write_alone(sigma: Sigma, folder: Path) -> None:
    folder.mkdir()
    mine = folder / "retail-sales.yaml"
    mine.write_text("my: notes\n")
    (done,) = pull(sigma, folder, ["Retail Sales"])
    assert mine.read_text() == "my: notes\n"
    assert done.path.name == f"retail-sales-{retail_id(sigma)[:8]}.yaml"


def test_bad_files_are_one_line_errors(sigma: Sigma, folder: Path) -> None:
    pull(sigma, folder, ["Retail Sales"])
    path = folder / "retail-sales.yaml"
    path.write_text(path.read_text() + "pages: [\n")
    with pytest.raises(InputError, match=r"retail-sales.yaml: not valid YAML at line \d+"):
        plan(sigma, folder)
    (folder / "notes.yaml").write_text("a: 1\n")
    path.unlink()
    with pytest.raises(
        InputError, match=r"notes\.yaml: no .# dataModelId:. or .# workbookId:. header"
    ):
        plan(sigma, folder)
    with pytest.raises(NotFoundError, match="no data model 'Retail Sale'; did you mean"):
        pull(sigma, folder / "x", ["Retail Sale"])


def test_a_file_with_yaml_aliases_is_refused(sigma: Sigma, folder: Path) -> None:
    pull(sigma, folder, ["Retail Sales"])
    path = folder / "retail-sales.yaml"
    path.write_text(path.read_text() + "x: &x [1, 1]\ny: [*x, *x]\n")
    with pytest.raises(
        InputError, match=r"retail-sales\.yaml: not valid YAML at line \d+: aliases"
    ):
        plan(sigma, folder)
    sent = sigma.requests_sent
    with pytest.raises(InputError, match="aliases are not accepted"):
        sigma.data_models.update_spec(retail_id(sigma), "a: &a [1]\nb: *a\npages: []\n")
    assert sigma.requests_sent == sent + 1  # the list that found the id, no write


def test_a_plan_names_only_what_changed_in_an_element() -> None:
    from sigmakit.workflows.code.diff import changes

    table = {"kind": "warehouse-table", "connectionId": "c", "path": ["R", "P", "ORDERS"]}
    stores = {"kind": "warehouse-table", "connectionId": "c", "path": ["R", "P", "STORES"]}
    join = {
        "kind": "join",
        "primarySource": table,
        "joins": [{"left": table, "right": stores, "columns": [{"left": "A", "right": "A"}]}],
    }
    element = {"id": "e", "kind": "table", "name": "Joined", "source": join, "columns": []}
    old = {"pages": [{"id": "p", "name": "P", "elements": [element]}]}
    new = copy.deepcopy(old)
    edited = new["pages"][0]["elements"][0]
    edited["metrics"] = [{"id": "m", "formula": "Count()"}]
    edited["source"]["joins"][0]["columns"][0]["right"] = "B"
    assert changes(old, new) == [
        "~ element Joined: source (join of table R.P.ORDERS, table R.P.STORES) changed",
        "~ element Joined: metrics changed",
    ]

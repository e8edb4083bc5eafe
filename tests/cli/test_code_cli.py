"""sigmakit code pull|plan|apply|drift against the emulator: the lines a user reads, the exit
codes CI keys on, and that a refusal writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.support.helpers import run

from sigmakit import Sigma


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "sigma"


def retail_id(sigma: Sigma) -> str:
    return next(m.data_model_id for m in sigma.data_models.list() if m.name == "Retail Sales")


def test_pull_then_plan_and_drift_say_nothing_to_do(cli_env: dict[str, str], folder: Path) -> None:
    code, out, err = run("code", "pull", str(folder))
    assert code == 0, err
    assert f"written: {folder / 'retail-sales.yaml'} (Retail Sales, version 14)" in out
    code, out, err = run("code", "plan", str(folder))
    assert (code, err) == (0, "")
    assert "retail-sales.yaml: Retail Sales: no changes" in out
    code, out, _ = run("code", "drift", str(folder))
    assert code == 0 and "Retail Sales: in sync" in out
    code, _, err = run("code", "apply", str(folder))
    assert code == 0 and "nothing to apply" in err


def test_plan_exits_2_and_apply_without_yes_changes_nothing(
    cli_env: dict[str, str], folder: Path, sigma: Sigma
) -> None:
    run("code", "pull", str(folder), "--document", "Retail Sales")
    path = folder / "retail-sales.yaml"
    path.write_text(path.read_text().replace("name: Store\n", "name: Store Name\n"))
    code, out, _ = run("code", "plan", str(folder))
    assert code == 2
    assert "  ~ column Stores/Store Name: name changed" in out

    code, out, err = run("code", "apply", str(folder))
    assert code == 0
    assert "dry run: nothing changed; pass --yes to apply" in err
    assert sigma.data_models.get(retail_id(sigma)).latest_version == 14

    code, out, err = run("code", "apply", str(folder), "--yes")
    assert code == 0, err
    assert "applied:" in out and "version 15" in out
    after = path.read_bytes()
    code, out, _ = run("code", "pull", str(folder), "--document", "Retail Sales")
    assert code == 0 and out.startswith("unchanged:")
    assert path.read_bytes() == after
    assert run("code", "plan", str(folder))[0] == 0


def test_a_change_in_sigma_is_drift_and_apply_refuses_it(
    cli_env: dict[str, str], folder: Path, sigma: Sigma
) -> None:
    run("code", "pull", str(folder), "--document", "Retail Sales")
    model_id = retail_id(sigma)
    doc = sigma.data_models.get_spec(model_id)
    doc["pages"][0]["elements"][0]["name"] = "Orders (edited in Sigma)"
    sigma.data_models.update_spec(model_id, doc)

    code, out, _ = run("code", "drift", str(folder))
    assert code == 2
    assert "changed in Sigma" in out and "~ element Orders: renamed Orders (edited" in out
    before = (folder / "retail-sales.yaml").read_bytes()
    code, out, err = run("code", "apply", str(folder), "--yes")
    assert code == 6
    assert "changed in Sigma since pulled (version 14 -> 15)" in err
    assert "nothing applied" in err and "Traceback" not in err
    assert (folder / "retail-sales.yaml").read_bytes() == before
    edited = sigma.data_models.get_spec(model_id)["pages"][0]["elements"][0]
    assert edited["name"] == "Orders (edited in Sigma)"


def test_bad_input_is_one_line(cli_env: dict[str, str], folder: Path) -> None:
    code, _, err = run("code", "pull", str(folder), "--document", "Nope")
    assert code == 5 and "no document 'Nope'" in err
    assert not folder.exists() or not any(folder.iterdir())
    folder.mkdir(exist_ok=True)
    (folder / "x.yaml").write_text("# dataModelId: abc\npages: [\n")
    code, _, err = run("code", "plan", str(folder))
    assert code == 2 and "x.yaml: not valid YAML" in err and "Traceback" not in err
    code, _, err = run("code", "plan", str(folder / "missing"))
    assert code == 2 and "is not a folder" in err


def test_a_workbook_changed_through_the_api_is_drift_and_apply_refuses_it(
    cli_env: dict[str, str], folder: Path, sigma: Sigma
) -> None:
    code, out, err = run(
        "code", "pull", str(folder), "--kind", "workbook", "--document", "Sales Overview"
    )
    assert code == 0, err
    assert out.startswith(f"written: {folder / 'sales-overview.yaml'} (Sales Overview, version")
    wid = next(w.workbook_id for w in sigma.workbooks.list() if w.name == "Sales Overview")
    doc = sigma.workbooks.get_contents(wid)
    doc["pages"][0]["name"] = "Renamed in Sigma"
    sigma.workbooks.update_contents(wid, doc)

    code, out, _ = run("code", "drift", str(folder))
    assert code == 2 and "Sales Overview: changed in Sigma" in out
    assert "  ~ page " in out and "renamed Renamed in Sigma" in out
    code, out, _ = run("code", "plan", str(folder))
    assert code == 2 and "changed in Sigma since pulled" in out
    before = (folder / "sales-overview.yaml").read_bytes()
    version = sigma.workbooks.get(wid).latest_version
    code, _, err = run("code", "apply", str(folder), "--yes")
    assert code == 6 and "nothing applied" in err and "Traceback" not in err
    assert (folder / "sales-overview.yaml").read_bytes() == before
    assert sigma.workbooks.get(wid).latest_version == version


def test_a_new_name_in_the_file_renames_the_data_model(
    cli_env: dict[str, str], folder: Path, sigma: Sigma
) -> None:
    # Sigma's spec write takes the pages only: apply renames through the files API
    run("code", "pull", str(folder), "--document", "Retail Sales")
    path = folder / "retail-sales.yaml"
    path.write_text(path.read_text().replace("\nname: Retail Sales\n", "\nname: Retail Sales EU\n"))
    code, out, _ = run("code", "plan", str(folder))
    assert code == 2 and "~ name: Retail Sales -> Retail Sales EU" in out
    code, out, err = run("code", "apply", str(folder), "--yes")
    assert code == 0, err
    assert sigma.data_models.get(retail_id_named(sigma, "Retail Sales EU")).name == (
        "Retail Sales EU"
    )
    assert run("code", "plan", str(folder))[0] == 0
    after = path.read_bytes()
    code, out, _ = run("code", "pull", str(folder), "--document", "Retail Sales EU")
    assert code == 0 and path.read_bytes() == after, out


def retail_id_named(sigma: Sigma, name: str) -> str:
    return next(m.data_model_id for m in sigma.data_models.list() if m.name == name)

"""``sigmakit data-models list|show|spec|lineage|tag|schedules|schedule|unschedule`` against
the emulator. Bad input is one line on stderr, a non-zero exit and no change (checked
through the API and the emulator's request counts)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from tests.support.helpers import complete, route_count, run

from sigmakit import Sigma
from sigmakit.emulator import EmulatorServer

SPEC = "GET /v2/dataModels/{dataModelId}/spec"
TAG = "POST /v2/dataModels/tag"
SCHEDULE = "/v2/dataModels/{dataModelId}/elements/{elementId}/materializationSchedules"


@pytest.fixture(autouse=True)
def _env(cli_env: dict[str, str]) -> None:
    """Every test here talks to the emulator through SIGMA_* variables."""


def _retail(sigma: Sigma) -> str:
    return next(m.data_model_id for m in sigma.data_models.list() if m.name == "Retail Sales")


def _tags(sigma: Sigma, model_id: str) -> dict[str, int | None]:
    return {t.tag_name: t.source_version for t in sigma.data_models.tags(model_id)}


def _schedules(sigma: Sigma, model_id: str) -> dict[str | None, tuple[str | None, str | None]]:
    return {
        s.element_name: (s.schedule.cron_spec, s.schedule.timezone) if s.schedule else (None, None)
        for s in sigma.data_models.materialization_schedules(model_id)
    }


def _one_line(err: str) -> str:
    assert err.count("\n") == 1 and err.startswith("error: "), err
    return err


def test_list_shows_every_model_and_search_narrows_it(sigma: Sigma) -> None:
    code, out, err = run("data-models", "list", "-o", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert [r["name"] for r in rows] == [m.name for m in sigma.data_models.list()]
    assert {"Retail Sales", "Marketing Funnel"} <= {r["name"] for r in rows}
    retail = next(r for r in rows if r["name"] == "Retail Sales")
    assert retail["latestVersion"] == 14 and retail["path"] == "Data Team Sandbox"
    assert retail["updatedAt"].endswith("Z") and retail["dataModelId"] == _retail(sigma)

    code, out, err = run("data-models", "list", "--search", "FUNNEL", "-o", "csv")
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 2 and lines[1].split(",")[1] == "Marketing Funnel"

    code, out, err = run("data-models", "list", "-o", "table")
    assert code == 0 and "Retail Sales" in out and "2 data models" in err
    assert "updatedAt" in out and "latestVersion" in out

    code, out, err = run("data-models", "list", "--fields", "nmae")
    assert code == 2 and out == "" and "did you mean 'name'?" in err


def test_show_gives_fields_tags_and_elements(sigma: Sigma) -> None:
    code, out, err = run("data-models", "show", "Retail Sales", "-o", "json")
    assert code == 0, err
    shown = json.loads(out)
    assert shown["dataModelId"] == _retail(sigma) and shown["latestVersion"] == 14
    assert [(t["tag"], t["version"]) for t in shown["tags"]] == [("Production", 12)]
    names = [e["name"] for e in shown["elements"]]
    assert names == ["Orders", "Stores", "Products", "Order Lines"]
    assert "Revenue" in shown["elements"][0]["columns"]

    # by urlId, as a table: the fields, then the tags, then the elements
    url_id = shown["dataModelUrlId"]
    code, out, err = run("data-models", "show", url_id, "-o", "table")
    assert code == 0, err
    assert out.index("Retail Sales") < out.index("Production") < out.index("Order Lines")
    assert "1 tag" in err and "4 elements" in err


def test_show_refuses_an_unknown_or_shared_name_in_one_line(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    code, out, err = run("data-models", "show", "Retail Salse")
    assert code == 5 and out == ""
    assert "did you mean 'Retail Sales'?" in _one_line(err)

    model_id = _retail(sigma)
    doc = sigma.data_models.get_spec(model_id)
    twin = sigma.data_models.create_spec(
        {"name": "Retail Sales", "folderId": doc["folderId"], "pages": []}
    )
    code, out, err = run("data-models", "show", "Retail Sales")
    assert code == 2 and out == ""
    assert "2 data models are named 'Retail Sales'" in _one_line(err)
    assert model_id in err and twin["dataModelId"] in err
    code, out, err = run("data-models", "show", model_id, "-o", "json")
    assert code == 0 and json.loads(out)["dataModelId"] == model_id


def test_spec_prints_the_code_representation(sigma: Sigma, emulator: EmulatorServer) -> None:
    code, out, err = run("data-models", "spec", "Retail Sales")
    assert code == 0, err
    doc = yaml.safe_load(out)
    assert doc["name"] == "Retail Sales" and doc["kind"] == "data-model"
    assert doc["documentVersion"] == 14
    elements = [e["name"] for p in doc["pages"] for e in p["elements"]]
    assert "Order Lines" in elements

    code, out, err = run(
        "data-models", "spec", "Retail Sales", "--format", "json", "--version", "14"
    )
    assert code == 0, err
    assert json.loads(out)["documentVersion"] == 14

    code, out, err = run("data-models", "spec", "Retail Sales", "--version", "99")
    assert code == 5 and out == "" and "Version 99" in _one_line(err)
    code, out, err = run("data-models", "spec", "Retail Sales", "--version", "0")
    assert code == 2 and out == ""


def test_spec_to_a_file_never_replaces_one_unasked(
    sigma: Sigma, emulator: EmulatorServer, tmp_path: Path
) -> None:
    folder = tmp_path / "specs"
    folder.mkdir()
    target = folder / "retail.yaml"
    code, out, err = run("data-models", "spec", "Retail Sales", "-o", str(target))
    assert code == 0 and out == "", err
    assert yaml.safe_load(target.read_text())["name"] == "Retail Sales"
    assert [p.name for p in folder.iterdir()] == ["retail.yaml"]  # no temporary file left

    target.write_text("mine\n")
    reads = route_count(emulator, SPEC)
    code, out, err = run("data-models", "spec", "Retail Sales", "-o", str(target))
    assert code == 2 and "--force" in _one_line(err)
    assert target.read_text() == "mine\n"
    assert route_count(emulator, SPEC) == reads  # refused before asking Sigma

    code, _, err = run(
        "data-models", "spec", "Retail Sales", "--format", "json", "-o", str(target), "--force"
    )
    assert code == 0, err
    assert json.loads(target.read_text())["name"] == "Retail Sales"

    missing = tmp_path / "no-such-folder" / "x.yaml"
    code, _, err = run("data-models", "spec", "Retail Sales", "-o", str(missing))
    assert code == 2 and not missing.parent.exists()
    _one_line(err)


def test_lineage_names_each_elements_tables(sigma: Sigma) -> None:
    code, out, err = run("data-models", "lineage", "Retail Sales", "-o", "json")
    assert code == 0, err
    rows = json.loads(out)
    read = {(r["element"], r["path"]) for r in rows}
    assert ("Orders", "RETAIL.PUBLIC.ORDERS") in read
    # Order Lines is built on the other elements: it reads their tables
    assert {p for e, p in read if e == "Order Lines"} == {
        "RETAIL.PUBLIC.ORDERS",
        "RETAIL.PUBLIC.STORES",
        "RETAIL.PUBLIC.REGIONS",
        "RETAIL.PUBLIC.PRODUCTS",
        "RETAIL.PUBLIC.CATEGORIES",
    }
    assert {r["connection"] for r in rows} == {"Northwind Snowflake"}
    code, out, err = run("data-models", "lineage", "Nope")
    assert code == 5 and out == ""
    _one_line(err)


def test_tag_shows_what_moves_and_applies_only_with_yes(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    model_id = _retail(sigma)
    code, out, err = run("data-models", "tag", "Retail Sales", "--tag", "Production")
    assert code == 0, err
    assert "Production: version 12 -> version 14" in err and "--yes" in err
    assert json.loads(out)["status"] == "planned"
    code, _, err = run(
        "data-models", "tag", "Retail Sales", "--tag", "Production", "--dry-run", "--yes"
    )
    assert code == 0 and "dry run" in err
    assert _tags(sigma, model_id) == {"Production": 12}
    assert route_count(emulator, TAG) == 0

    code, out, err = run("data-models", "tag", "Retail Sales", "--tag", "production", "--yes")
    assert code == 0, err
    assert json.loads(out)["status"] == "changed"
    assert _tags(sigma, model_id) == {"Production": 14}

    code, out, err = run("data-models", "tag", "Retail Sales", "--tag", "Production", "--yes")
    assert code == 0 and json.loads(out)["status"] == "already there"
    code, _, err = run(
        "data-models", "tag", "Retail Sales", "--tag", "Staging", "--version", "3", "--yes"
    )
    assert code == 0, err
    assert _tags(sigma, model_id) == {"Production": 14, "Staging": 3}
    assert route_count(emulator, TAG) == 2


def test_tag_refuses_bad_input_and_changes_nothing(sigma: Sigma, emulator: EmulatorServer) -> None:
    model_id = _retail(sigma)
    bad = [
        (("--tag", "Production", "--version", "99"), 2, "no version 99"),
        (("--tag", "Prodution"), 5, "did you mean 'Production'?"),
        (("--version", "3"), 2, "--tag"),
    ]
    for args, exit_code, said in bad:
        code, out, err = run("data-models", "tag", "Retail Sales", *args, "--yes")
        assert (code, out) == (exit_code, ""), (args, err)
        assert said in _one_line(err)
    code, _, err = run("data-models", "tag", "Retial Sales", "--tag", "Production", "--yes")
    assert code == 5 and "did you mean 'Retail Sales'?" in _one_line(err)
    assert route_count(emulator, TAG) == 0
    assert _tags(sigma, model_id) == {"Production": 12}


def test_schedules_list_set_change_and_remove(sigma: Sigma, emulator: EmulatorServer) -> None:
    model_id = _retail(sigma)
    code, out, err = run("data-models", "schedules", "Retail Sales", "-o", "json")
    assert code == 0, err
    assert [(r["element"], r["cron"], r["timezone"]) for r in json.loads(out)] == [
        ("Order Lines", "0 5 * * *", "America/New_York")
    ]

    args = ("data-models", "schedule", "Retail Sales", "Orders", "--cron", "0 4 * * *")
    code, _, err = run(*args, "--timezone", "UTC")
    assert code == 0 and "Orders: no schedule -> 0 4 * * * UTC" in err and "--yes" in err
    code, _, err = run(*args, "--timezone", "UTC", "--dry-run", "--yes")
    assert code == 0 and "dry run" in err
    assert "Orders" not in _schedules(sigma, model_id)
    assert route_count(emulator, "POST " + SCHEDULE) == 0

    code, out, err = run(*args, "--timezone", "UTC", "--yes")
    assert code == 0 and json.loads(out)["status"] == "created", err
    assert _schedules(sigma, model_id)["Orders"] == ("0 4 * * *", "UTC")

    # a new time keeps the schedule's timezone
    code, out, err = run(
        "data-models", "schedule", "Retail Sales", "Order Lines", "--cron", "30 6 * * 1", "--yes"
    )
    assert code == 0, err
    assert "0 5 * * * America/New_York -> 30 6 * * 1 America/New_York" in json.loads(out)["message"]
    assert _schedules(sigma, model_id)["Order Lines"] == ("30 6 * * 1", "America/New_York")

    code, _, err = run("data-models", "unschedule", "Retail Sales", "Order Lines")
    assert code == 0 and "--yes" in err and "Order Lines" in _schedules(sigma, model_id)
    code, out, err = run("data-models", "unschedule", "Retail Sales", "Order Lines", "--yes")
    assert code == 0 and json.loads(out)["status"] == "changed", err
    assert set(_schedules(sigma, model_id)) == {"Orders"}
    code, out, err = run("data-models", "unschedule", "Retail Sales", "Order Lines", "--yes")
    assert code == 0 and json.loads(out)["status"] == "already there"
    assert route_count(emulator, "DELETE " + SCHEDULE) == 1


def test_schedule_refuses_bad_input_and_changes_nothing(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    model_id = _retail(sigma)
    before = _schedules(sigma, model_id)
    base = ("data-models", "schedule", "Retail Sales")
    code, out, err = run(*base, "Orders", "--cron", "every day", "--yes")
    assert code == 2 and out == "" and "cron" in err.splitlines()[-1]
    assert err.splitlines()[-1].startswith("error: ") and "Traceback" not in err
    code, out, err = run(
        *base, "Order Lines", "--cron", "0 4 * * *", "--timezone", "Mars/Base", "--yes"
    )
    assert code == 2 and out == "" and "Mars/Base" in err.splitlines()[-1]
    code, out, err = run(*base, "Ordres", "--cron", "0 4 * * *", "--yes")
    assert code == 2 and out == "" and "did you mean 'Orders'?" in _one_line(err)
    code, out, err = run(*base, "Orders", "--yes")
    assert code == 2 and "--cron" in _one_line(err)
    code, out, err = run("data-models", "unschedule", "Retail Sales", "Ordres", "--yes")
    assert code == 2 and "did you mean 'Orders'?" in _one_line(err)
    assert _schedules(sigma, model_id) == before
    assert route_count(emulator, "DELETE " + SCHEDULE) == 0


def test_completion_offers_data_model_names(sigma: Sigma) -> None:
    assert complete("sigmakit data-models show Ret") == ["Retail Sales"]
    assert "Marketing Funnel" in complete("sigmakit data-models lineage M")

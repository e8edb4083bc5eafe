"""``sigmakit api``: any operation from the command line, checked before anything is sent."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from tests.support.helpers import request_total, route_count, run

from sigmakit import Sigma
from sigmakit._reference import extract, operations
from sigmakit.cli.api import parse_fields
from sigmakit.emulator import EmulatorServer

#: every test here talks to the emulator through SIGMA_* variables
pytestmark = pytest.mark.usefixtures("cli_env")


def test_paginate_streams_every_member_as_json_lines(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    expected = [m.member_id for m in sigma.members.list()]
    before = route_count(emulator, "GET /v2/members")
    code, out, err = run("api", "/v2/members", "--paginate", "-o", "jsonl", "-F", "limit=10")
    assert code == 0, err
    lines = out.splitlines()
    assert [json.loads(line)["memberId"] for line in lines] == expected
    assert route_count(emulator, "GET /v2/members") - before == math.ceil(len(expected) / 10)
    # the same as one JSON array, with the largest pages by default
    code, out, err = run("api", "/v2/members", "--paginate")
    assert code == 0, err
    assert [m["memberId"] for m in json.loads(out)] == expected


def test_a_post_with_fields_creates_a_member(sigma: Sigma) -> None:
    account_type = next(iter(sigma.members.list())).member_type
    code, out, err = run(
        "api",
        "/v2/members",  # fields given: POST without saying so
        "-f",
        "email=rae.quinn@example.com",
        "-f",
        "firstName=Rae",
        "-f",
        "lastName=Quinn",
        "-f",
        f"memberType={account_type}",
        "-F",
        "sendInvite=false",
    )
    assert code == 0, err
    assert err == (
        "note: -f/-F fields make this a POST; pass -X GET to send them as query parameters\n"
    )
    created = json.loads(out)
    member = sigma.members.get(created["memberId"])
    assert (member.email, member.first_name, member.member_type) == (
        "rae.quinn@example.com",
        "Rae",
        account_type,
    )


def test_x_get_sends_fields_as_query_parameters_and_quiet_drops_the_note(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    gets, posts = (route_count(emulator, f"{m} /v2/members") for m in ("GET", "POST"))
    code, out, err = run("api", "-X", "get", "/v2/members", "-f", "limit=3")
    assert code == 0, err
    assert len(json.loads(out)["entries"]) == 3 and err == ""
    assert route_count(emulator, "GET /v2/members") == gets + 1
    assert route_count(emulator, "POST /v2/members") == posts
    # a write the fields chose, under -q: no note
    account_type = next(iter(sigma.members.list())).member_type
    code, out, err = run(
        "-q", "api", "/v2/members", "-f", "email=q@example.com", "-f", "firstName=Q",
        "-f", "lastName=Uiet", "-f", f"memberType={account_type}", "-F", "sendInvite=false",
    )  # fmt: skip
    assert code == 0 and err == ""
    assert sigma.members.get(json.loads(out)["memberId"]).email == "q@example.com"
    code, out, err = run("api", "POST", "/v2/members", "-X", "GET", "-f", "limit=3")
    assert code == 2 and out == "" and "two methods given" in err


def test_input_file_is_the_body(sigma: Sigma, isolated_env: Path) -> None:
    body = isolated_env / "member.json"
    body.write_text(json.dumps({"email": "io@example.com", "firstName": "I", "lastName": "O"}))
    code, out, err = run("api", "POST", "members", "--input", str(body))
    assert code == 0, err
    assert sigma.members.get(json.loads(out)["memberId"]).email == "io@example.com"
    body.write_text("{not json")
    code, out, err = run("api", "POST", "members", "--input", str(body))
    assert code == 2 and out == ""
    assert err.startswith("error: --input") and len(err.splitlines()) == 1


def test_input_from_stdin(sigma: Sigma) -> None:
    body = json.dumps({"email": "stdin@example.com", "firstName": "S", "lastName": "In"})
    code, out, err = run(
        "api", "POST", "/v2/members", "--input", "-", "-F", "sendInvite=false", input=body
    )
    assert code == 0, err
    assert sigma.members.get(json.loads(out)["memberId"]).email == "stdin@example.com"


def test_get_fields_are_query_parameters(sigma: Sigma) -> None:
    member = list(sigma.members.list())[3]
    code, out, err = run("api", "GET", "/v2/members", "-f", f"email={member.email}", "-o", "jsonl")
    assert code == 0, err
    assert [json.loads(line)["memberId"] for line in out.splitlines()] == [member.member_id]


def test_placeholders_and_array_fields(sigma: Sigma) -> None:
    team = next(iter(sigma.teams.list()))
    inside = {m.user_id for m in sigma.teams.members(team.team_id)}
    outsider = next(m for m in sigma.members.list() if m.member_id not in inside)
    code, _, err = run(
        "api",
        "PATCH",
        "/v2/teams/{teamId}/members",
        "-p",
        f"teamId={team.team_id}",
        "-f",
        f"add[]={outsider.member_id}",
    )
    assert code == 0, err
    assert outsider.member_id in {m.user_id for m in sigma.teams.members(team.team_id)}


def test_account_types(api: httpx.Client) -> None:
    answer = api.get("/v2/accountTypes")
    if answer.status_code == 404:
        pytest.skip("this emulator has no GET /v2/accountTypes yet (h2 adds it)")
    code, out, err = run("api", "GET", "/v2/accountTypes")
    assert code == 0, err
    assert json.loads(out) == answer.json()
    # token pages (pageSize/pageToken -> nextPageToken), walked to the end
    code, out, err = run("api", "/v2/accountTypes", "--paginate", "-F", "pageSize=2", "-o", "jsonl")
    assert code == 0, err
    names = [json.loads(line)["accountTypeName"] for line in out.splitlines()]
    walked, token = [], None
    while True:
        page = api.get(
            "/v2/accountTypes", params={"pageSize": 2, **({"pageToken": token} if token else {})}
        ).json()
        walked += [e["accountTypeName"] for e in page["entries"]]
        if not (token := page.get("nextPageToken")):
            break
    assert names == walked and len(names) > 2


def test_unknown_path_is_one_line_exit_2_and_nothing_sent(emulator: EmulatorServer) -> None:
    before = request_total(emulator)
    code, out, err = run("api", "/v2/membrs", "--paginate")
    assert code == 2 and out == ""
    assert err.splitlines() == [
        "error: GET /v2/membrs is not in Sigma's API description (2026-08 and its 2026-10-04 additions); closest: "
        "GET /v2/members, POST /v2/members, GET /v2.1/members "
        "(--refresh-spec fetches Sigma's newest description; --no-check sends it anyway)"
    ]
    code, out, err = run("api", "DELETE", "/v2/whoami")
    assert code == 2 and "only GET /v2/whoami" in err and len(err.splitlines()) == 1
    assert request_total(emulator) == before


def test_unknown_query_parameter_is_refused_unless_no_check(emulator: EmulatorServer) -> None:
    before = request_total(emulator)
    code, out, err = run("api", "GET", "/v2/members", "-f", "serch=ann")
    assert code == 2 and out == ""
    assert "no query parameter 'serch' (did you mean 'search'?)" in err
    assert len(err.splitlines()) == 1
    assert request_total(emulator) == before
    members = route_count(emulator, "GET /v2/members")
    code, out, err = run("api", "GET", "/v2/members", "-f", "serch=ann", "--no-check")
    assert code == 0, err
    assert isinstance(json.loads(out)["entries"], list)
    assert route_count(emulator, "GET /v2/members") == members + 1


def test_no_check_sends_an_unknown_path(emulator: EmulatorServer) -> None:
    code, out, err = run("api", "/v2/membrs", "--no-check")
    assert code == 5 and out == ""  # the server's own 404
    assert "HTTP 404" in err
    assert route_count(emulator, "GET (no route)") == 1


def test_list_operations(isolated_env: Path) -> None:
    code, out, err = run("api", "--list", "-o", "json")
    assert code == 0, err
    rows = json.loads(out)
    # the bundled description's operations, then those published since that sigmakit serves
    newer = [
        (m.upper(), p) for p, item in extract()["paths"].items() for m in item if m != "servers"
    ]
    assert newer and ("PATCH", "/v2/organizations/settings") in newer
    assert [(r["method"], r["path"]) for r in rows] == [
        (m, p) for m, p, _ in operations("2026-08")
    ] + newer
    code, out, err = run("api", "--list", "account", "type", "-o", "csv")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("method,path,summary")
    assert "GET,/v2/accountTypes,List account types" in out
    assert all("account" in line.lower() for line in lines[1:])


def test_usage_errors_are_one_line(emulator: EmulatorServer) -> None:
    before = request_total(emulator)
    for args in (
        ["api"],
        ["api", "FETCH", "/v2/members"],
        ["api", "POST", "/v2/members", "--paginate"],
        ["api", "/v2/members/{memberId}"],
        ["api", "/v2/members", "-p", "nope"],
        ["api", "GET", "/v2/members", "-f", "noequals"],
    ):
        code, out, err = run(*args)
        assert code == 2 and out == "", args
        assert len(err.splitlines()) == 1 and err.startswith("error: "), (args, err)
    assert request_total(emulator) == before


def test_typed_fields(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("hello\n")
    fields = parse_fields(
        ["name=007", "tags[]=a"],
        ["n=7", "x=1.5", "on=true", "off=false", "gone=null", f"note=@{note}", "tags[]=2"],
    )
    assert fields == {
        "name": "007",
        "tags": ["a", 2],
        "n": 7,
        "x": 1.5,
        "on": True,
        "off": False,
        "gone": None,
        "note": "hello\n",
    }
    assert parse_fields(["a[b]=1", "a[c][]=2"], []) == {"a": {"b": "1", "c": ["2"]}}


def test_api_help_starts_without_the_http_stack_or_the_description() -> None:
    code = (
        "import sys; from sigmakit.cli.main import main\n"
        "try:\n    main(['api', '--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('httpx', 'pydantic', 'rich', 'sigmakit._reference') "
        "if m in sys.modules]\n"
        "print('loaded:' + ','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "[METHOD] PATH" in out.stdout
    assert out.stdout.strip().endswith("loaded:")


def complete(words: str) -> list[str]:
    """What bash completion offers for the line ``words``."""
    from click.testing import CliRunner

    from sigmakit.cli.main import cli

    env = {
        "_SIGMAKIT_COMPLETE": "bash_complete",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split(" ")) - 1),
    }
    result = CliRunner().invoke(cli, [], prog_name="sigmakit", env=env)
    assert result.exit_code == 0 and result.stderr == ""
    return [line.split(",", 1)[1] for line in result.stdout.splitlines() if line]


def test_completion_offers_methods_then_the_descriptions_paths() -> None:
    assert complete("sigmakit api PA") == ["PATCH"]
    assert complete("sigmakit api /v2/accountT") == [
        "/v2/accountTypes",
        "/v2/accountTypes/{accountTypeId}",
        "/v2/accountTypes/{accountTypeId}/permissions",
    ]
    assert complete("sigmakit api DELETE /v2/accountT") == ["/v2/accountTypes/{accountTypeId}"]


def test_operations_published_after_2026_08_are_accepted(
    sigma: Sigma, api: httpx.Client, isolated_env: Path
) -> None:
    workspace = next(iter(sigma.workspaces.list())).workspace_id
    workbook = next(iter(sigma.workbooks.list()))
    body = isolated_env / "shortcut.json"
    body.write_text(json.dumps({"parentId": workspace, "target": {"id": workbook.workbook_id}}))
    code, out, err = run("api", "POST", "/v2/shortcuts", "--input", str(body))
    assert code == 0, err
    assert json.loads(out)["target"] == {"type": "workbook", "id": workbook.workbook_id}
    model = next(iter(sigma.data_models.list())).data_model_id
    element = api.get(f"/v2/dataModels/{model}/elements").json()["entries"][0]["elementId"]
    code, out, err = run(
        "api",
        "GET",
        "/v2/dataModels/{dataModelId}/elements/{elementId}/query",
        "-p",
        f"dataModelId={model}",
        "-p",
        f"elementId={element}",
    )
    assert code == 0, err
    assert json.loads(out)["sql"].startswith("SELECT ")
    # the workbook code representation's verification, published on 2026-10-04 too
    spec = isolated_env / "spec.json"
    page = {"id": "apiPg", "name": "Only", "elements": []}
    spec.write_text(
        json.dumps({"name": "Checked", "folderId": workspace, "schemaVersion": 1, "pages": [page]})
    )
    code, out, err = run("api", "POST", "/v2/workbooks/spec/verify", "--input", str(spec))
    assert code == 0, err
    assert json.loads(out) == {"valid": True}

"""The command line's sharp edges: the token endpoint under any spelling, credentials in a
URL, unbounded ``@FILE`` reads, junk ``--fields``, and failures that used to end as
"internal error"."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest
from tests.support.helpers import CLIENT_SECRET, members_named, request_total, run
from tests.support.processes import sigmakit_command

from sigmakit.emulator import EmulatorServer

#: every test here talks to the emulator through SIGMA_* variables
pytestmark = pytest.mark.usefixtures("cli_env")

#: spellings a server routes to /v2/auth/token (the plain ones are in tests/sdk/test_raw.py)
TOKEN_SPELLINGS = [
    "/v2/auth/./token",
    "/v2/auth/x/../token",
    "/v2/members/../auth/token",
    "/v2/auth/%74oken",
    "/v2/auth/%2574oken",
    "/v2/%61uth/token",
    "/v2/auth/%2e/token",
    "/v2/auth/token;x=1",
    "/v2/auth\\token",
]


@pytest.mark.parametrize("no_check", [[], ["--no-check"]], ids=["checked", "no-check"])
@pytest.mark.parametrize("path", TOKEN_SPELLINGS)
def test_the_token_endpoint_is_refused_under_any_spelling(
    emulator: EmulatorServer, path: str, no_check: list[str]
) -> None:
    before = request_total(emulator)
    code, out, err = run(
        "api", "POST", path, *no_check, "-f", "grant_type=client_credentials",
        "-f", "client_id=x", "-f", "client_secret=y",
    )  # fmt: skip
    assert (code, out) == (2, ""), err
    assert err.count("\n") == 1 and "token endpoint is not for raw calls" in err
    assert request_total(emulator) == before


@pytest.mark.parametrize("no_check", [[], ["--no-check"]], ids=["checked", "no-check"])
def test_a_path_value_cannot_spell_the_token_endpoint(
    emulator: EmulatorServer, cli_env: dict[str, str], no_check: list[str]
) -> None:
    before = request_total(emulator)
    base = cli_env["SIGMA_BASE_URL"]
    for args in (
        ["POST", "/v2/auth/{what}", "-p", "what=token"],
        ["POST", f"{base}/v2/auth/./token"],
    ):
        code, out, err = run("api", *args, *no_check)
        assert (code, out) == (2, ""), err
        assert CLIENT_SECRET not in err
        # checked, /v2/auth/{what} is no operation of the description; unchecked, it is refused
        assert "token endpoint" in err or "{what} is not in Sigma's API description" in err
    assert request_total(emulator) == before


def test_dot_segments_are_refused_before_sending(emulator: EmulatorServer) -> None:
    before = request_total(emulator)
    code, _, err = run("api", "/v2/teams/../members", "--no-check")
    assert code == 2 and "'.' or '..' segment" in err
    assert request_total(emulator) == before


def _with_userinfo(base: str) -> str:
    return base.replace("://", "://someone:pa55-in-url@", 1)


def test_credentials_in_the_base_url_are_never_shown(
    cli_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIGMA_BASE_URL", _with_userinfo(cli_env["SIGMA_BASE_URL"]))
    monkeypatch.setenv("SIGMAKIT_NO_TOKEN_CACHE", "1")
    shown = []
    code, out, err = run("--debug", "members", "list", "-o", "json")
    assert code == 0, err
    assert "debug: sigmakit" in err and "***@127.0.0.1" in err  # the trace is there
    shown.append(out + err)
    code, out, err = run("members", "get", "no-such-member")
    assert code == 5
    shown.append(out + err)
    code, out, err = run("auth", "check", "-o", "json")
    assert code == 0, err
    assert '"baseUrl": "http://***@127.0.0.1' in out
    shown.append(out + err)
    code, out, err = run("api", "https://elsewhere.example/v2/members")
    assert code == 2 and "not on the API host http://***@127.0.0.1" in err
    shown.append(out + err)
    for text in shown:
        assert "pa55-in-url" not in text and "someone" not in text


def test_no_answer_from_a_base_url_with_credentials_hides_them(
    cli_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.support.processes import free_port

    monkeypatch.setenv("SIGMA_BASE_URL", f"http://someone:pa55-in-url@127.0.0.1:{free_port()}")
    monkeypatch.setenv("SIGMAKIT_NO_TOKEN_CACHE", "1")
    monkeypatch.setenv("SIGMAKIT_MAX_RETRIES", "2")
    monkeypatch.setenv("SIGMAKIT_RETRY_DELAY", "0.01")
    monkeypatch.setenv("SIGMAKIT_FAIL_FAST", "0.2")
    code, out, err = run("--debug", "members", "list")
    assert code == 7, err
    assert "pa55-in-url" not in out + err and "someone" not in out + err
    assert "error: nothing is listening at http://***@127.0.0.1:" in err


# -- @FILE and other inputs are read up to 10 MiB -----------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["api", "POST", "/v2/members", "-F", "firstName=@/dev/zero"],
        ["api", "POST", "/v2/members", "--input", "/dev/zero"],
        ["teams", "bulk-assign", "Sales", "--emails", "/dev/zero", "--dry-run"],
    ],
    ids=["field", "input", "emails"],
)
def test_an_endless_file_is_read_no_further_than_10_mib(
    emulator: EmulatorServer, cli_env: dict[str, str], args: list[str]
) -> None:
    """In a process of its own with 2 GiB of address space: reading /dev/zero without a
    bound (the code before this change) then fails there, not on the machine."""
    import resource

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, 2 * 2**30))

    before = request_total(emulator)
    started = time.monotonic()
    done = subprocess.run(
        [*sigmakit_command(), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **cli_env},
        preexec_fn=limit_memory,
        timeout=120,
    )
    assert (done.returncode, done.stdout) == (2, ""), done.stderr
    assert done.stderr.count("\n") == 1
    assert "/dev/zero holds more than 10 MiB" in done.stderr
    assert time.monotonic() - started < 20
    assert request_total(emulator) == before


def test_stdin_for_a_field_is_bounded_too(emulator: EmulatorServer) -> None:
    code, _, err = run("api", "POST", "/v2/members", "-F", "x=@-", input="a" * (10 * 2**20 + 1))
    assert code == 2 and "stdin holds more than 10 MiB" in err


# -- --fields that name no field -----------------------------------------------------------


@pytest.mark.parametrize("junk", [",,,", ", ,", " "])
@pytest.mark.parametrize("command", [["members", "list"], ["auth", "check"]])
def test_fields_that_name_no_field_are_a_usage_error(
    emulator: EmulatorServer, command: list[str], junk: str
) -> None:
    before = request_total(emulator)
    code, out, err = run(*command, "-o", "json", "--fields", junk)
    assert (code, out) == (2, ""), err
    assert err.count("\n") == 1 and "names no field" in err
    assert request_total(emulator) == before


def test_fields_that_name_no_field_are_refused_by_the_fast_path(cli_env: dict[str, str]) -> None:
    done = subprocess.run(
        [*sigmakit_command(), "auth", "check", "-o", "json", "--fields", ",,,"],
        capture_output=True,
        text=True,
        env={**os.environ, **cli_env},
        timeout=60,
    )
    assert (done.returncode, done.stdout) == (2, ""), done.stderr
    assert "names no field" in done.stderr


# -- failures that used to be "internal error" --------------------------------------------


@pytest.mark.parametrize(
    "args", [["members", "list", "-o", "json"], ["auth", "check", "-o", "json"]]
)
def test_a_full_disk_on_stdout_is_one_line_and_exit_1(
    cli_env: dict[str, str], args: list[str]
) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [*sigmakit_command(), *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, **cli_env},
            timeout=60,
        )
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("error: ") and done.stderr.count("\n") == 1
    assert done.stderr.endswith("No space left on device\n")


def test_an_export_to_an_unwritable_place_is_one_line(emulator: EmulatorServer) -> None:
    from tests.support.workbook_jobs import job_mode

    job_mode(emulator, "immediate")
    export = ("workbooks", "export", "Sales Overview", "--element", "Orders", "--format", "csv")
    code, out, err = run(*export, "--out", "/proc/version", "--force")
    assert (code, out) == (2, "")
    assert err.startswith("error: cannot write /proc/version: ") and err.count("\n") == 1


DEEP = "[" * 100_000 + "]" * 100_000


def test_deeply_nested_input_is_one_line(emulator: EmulatorServer, tmp_path: Path) -> None:
    people = tmp_path / "people.yaml"
    people.write_text(DEEP)
    code, out, err = run("onboard", "--file", str(people))
    assert (code, out) == (2, "")
    assert err == f"error: {people}: nested too deeply to be a people file\n"
    body = tmp_path / "body.json"
    body.write_text(DEEP)
    before = request_total(emulator)
    code, out, err = run("api", "POST", "/v2/members", "--input", str(body))
    assert (code, out) == (2, "")
    assert err == f"error: --input {body}: JSON nested too deeply\n"
    assert request_total(emulator) == before


def test_other_system_failures_are_errors_not_internal_ones(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """What the boundary says of a RecursionError or an OSError raised anywhere else."""
    from sigmakit.cli.main import report_failure

    assert report_failure(RecursionError("maximum recursion depth exceeded"), debug=False) == 1
    assert capsys.readouterr().err == "error: the input is nested too deeply to read\n"
    denied = PermissionError(13, "Permission denied", "/etc/x")
    assert report_failure(denied, debug=False) == 1
    assert capsys.readouterr().err == "error: /etc/x: Permission denied\n"


# -- people files: control characters and keys given twice --------------------------------

HEADER = "email,first_name,last_name,account_type,teams,connections\n"


@pytest.mark.parametrize(
    ("name", "where"),
    [('"Bo\nBo"', "line 4"), ("Bo\x00", "line 3"), ("Bo\x1b[2J", "line 3"), ("Bo\x85", "line 3")],
    ids=["newline", "nul", "escape", "c1"],
)
def test_a_control_character_in_a_name_is_refused(
    emulator: EmulatorServer, tmp_path: Path, name: str, where: str
) -> None:
    people = tmp_path / "people.csv"
    people.write_text(
        HEADER + "first@northwind.example,First,Person,Lite,,\n"
        f"bo@northwind.example,{name},Li,Lite,,\n"
    )
    code, out, err = run("onboard", "--file", str(people))
    assert (code, out) == (2, ""), err
    assert err.count("\n") == 1 and where in err and "first_name holds a control character" in err
    assert members_named(emulator, "first@northwind.example", "bo@northwind.example") == 0


def test_a_key_given_twice_in_a_yaml_person_is_refused(
    emulator: EmulatorServer, tmp_path: Path
) -> None:
    people = tmp_path / "people.yaml"
    people.write_text(
        "- email: first@northwind.example\n  first_name: First\n  last_name: Person\n"
        "  account_type: Lite\n"
        "- email: bo@northwind.example\n  first_name: Bo\n  last_name: Li\n"
        "  account_type: Lite\n  email: other@northwind.example\n"
    )
    code, out, err = run("onboard", "--file", str(people))
    assert (code, out) == (2, "")
    assert err == f"error: {people}, line 9: 'email' is given twice\n"
    emails = ("first@northwind.example", "bo@northwind.example", "other@northwind.example")
    assert members_named(emulator, *emails) == 0


def test_a_column_given_twice_in_a_csv_is_refused(emulator: EmulatorServer, tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text(
        "email,first_name,last_name,account_type,email\n"
        "bo@northwind.example,Bo,Li,Lite,other@northwind.example\n"
    )
    code, _, err = run("onboard", "--file", str(people))
    assert code == 2 and "line 1: column 'email' is given twice" in err
    assert members_named(emulator, "bo@northwind.example", "other@northwind.example") == 0


def test_a_control_character_in_an_email_list_is_refused(
    emulator: EmulatorServer, tmp_path: Path
) -> None:
    emails = tmp_path / "emails.txt"
    emails.write_text("ann@northwind.example\nbo@northwind.example\x00\n")
    before = request_total(emulator)
    code, out, err = run("teams", "bulk-assign", "Sales", "--emails", str(emails))
    assert (code, out) == (2, "")
    assert "line 2" in err and "control character (U+0000)" in err
    assert request_total(emulator) == before

"""Tables on a terminal, as a person sees them: ``sigmakit`` runs in a new process whose
stdout is a pseudo-terminal of a given size. Columns people read least (ids first) are
hidden before any value is cut, and a table taller than the screen goes through $PAGER."""

from __future__ import annotations

import fcntl
import json
import os
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from rich.cells import cell_len
from tests.support.helpers import run

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("cli_env")]

#: colours (CSI ... m) and hyperlinks (OSC 8) a terminal gets
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\]8;[^\x1b]*\x1b\\")
NOTE = "note: 1 column hidden to fit 80 columns (memberId); use -o json or --fields to see them"


def on_terminal(
    *args: str, columns: int, lines: int = 500, env: dict[str, str] | None = None
) -> tuple[int, list[str], str]:
    """``sigmakit ARGS`` with stdin and stdout on a terminal of ``columns`` x ``lines``
    (stderr apart): exit code, the lines the terminal showed (colours removed), stderr."""
    main, child = os.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    environ = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    environ.update(SIGMAKIT_NO_TOKEN_CACHE="1", TERM="xterm", **(env or {}))
    process = subprocess.Popen(
        [sys.executable, "-m", "sigmakit", *args],
        stdin=child,
        stdout=child,
        stderr=subprocess.PIPE,
        env=environ,
    )
    os.close(child)
    shown = b""
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            if not select.select([main], [], [], 1)[0]:
                continue
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the terminal closed: every writer has exited
                break
            if not chunk:
                break
            shown += chunk
        _, err = process.communicate(timeout=60)
    finally:
        os.close(main)
        if process.poll() is None:
            process.kill()
    text = ANSI.sub("", shown.decode())
    return process.returncode, text.replace("\r\n", "\n").splitlines(), err.decode()


def members() -> list[dict[str, str]]:
    code, out, _ = run("members", "list", "-o", "json")
    assert code == 0
    rows: list[dict[str, str]] = json.loads(out)
    return rows


def test_an_80_column_terminal_hides_the_id_column_and_keeps_every_name_and_email() -> None:
    everyone = members()
    code, shown, err = on_terminal("members", "list", columns=80)
    assert code == 0
    assert shown[0].split() == ["firstName", "lastName", "email", "memberType", "userKind"]
    assert len(shown) == len(everyone) + 1
    assert all(cell_len(line) <= 80 for line in shown)
    assert "…" not in "".join(shown)
    for member, line in zip(everyone, shown[1:], strict=True):
        assert line.split()[:3] == [member["firstName"], member["lastName"], member["email"]]
        assert member["memberId"] not in line
    assert err.splitlines() == [NOTE, f"{len(everyone)} members"]

    # a wide terminal shows every column, ids whole, and says nothing of hidden ones
    code, shown, err = on_terminal("members", "list", columns=200)
    assert code == 0
    assert shown[0].split() == [
        "firstName", "lastName", "email", "memberType", "userKind", "memberId",
    ]  # fmt: skip
    assert [line.split()[-1] for line in shown[1:]] == [m["memberId"] for m in everyone]
    assert "note:" not in err


def test_columns_named_with_fields_are_never_hidden_the_widest_is_cut() -> None:
    everyone = members()
    fields = "memberId,email,firstName,lastName,memberType"
    code, shown, err = on_terminal("members", "list", "--fields", fields, columns=80)
    assert code == 0
    assert shown[0].split() == fields.split(",")
    assert all(cell_len(line) <= 80 for line in shown)
    # the short columns stay whole; the long ids and emails give up the room
    for member, line in zip(everyone, shown[1:], strict=True):
        first, last, kind = line.split()[-3:]
        assert (first, last, kind) == (
            member["firstName"],
            member["lastName"],
            member["memberType"],
        )
    assert any("…" in line.split()[0] for line in shown[1:])
    assert "note:" not in err

    # two columns that fit are shown whole: the id the user asked for included
    code, shown, _ = on_terminal("members", "list", "--fields", "memberId,email", columns=80)
    assert shown[0].split() == ["memberId", "email"]
    assert [line.split() for line in shown[1:]] == [[m["memberId"], m["email"]] for m in everyone]


def test_a_very_narrow_terminal_never_gets_a_line_wider_than_itself() -> None:
    code, shown, err = on_terminal("members", "list", columns=24)
    assert code == 0
    assert shown and all(cell_len(line) <= 24 for line in shown)
    assert shown[0].split()[0].startswith("first")
    assert err.splitlines()[0] == (
        "note: 3 columns hidden to fit 24 columns (memberType, userKind, memberId);"
        " use -o json or --fields to see them"
    )

    # -q: only the data
    code, quiet, err = on_terminal("-q", "members", "list", columns=24)
    assert (code, quiet, err) == (0, shown, "")

    # the user's --fields are cut to a cell each before the width gives way to any
    fields = "firstName,lastName,email,memberType,userKind,memberId"
    code, shown, err = on_terminal("members", "list", "--fields", fields, columns=16)
    assert code == 0 and all(cell_len(line) <= 16 for line in shown)
    assert shown[0].split() == ["…"] * 6
    code, shown, err = on_terminal("members", "list", "--fields", fields, columns=12)
    assert code == 0 and all(cell_len(line) <= 12 for line in shown)
    assert "note: 2 columns hidden to fit 12 columns (userKind, memberId)" in err


@pytest.fixture
def pager(tmp_path: Path) -> tuple[str, Path]:
    """A pager that leaves a mark that it ran, and shows what it is given."""
    mark = tmp_path / "paged"
    script = tmp_path / "pager.sh"
    script.write_text(f"#!/bin/sh\necho ran >> '{mark}'\nexec cat\n")
    script.chmod(0o755)
    return str(script), mark


def test_a_table_taller_than_the_terminal_goes_through_the_pager(
    pager: tuple[str, Path],
) -> None:
    command, mark = pager
    everyone = members()
    code, shown, _ = on_terminal("members", "list", columns=120, lines=20, env={"PAGER": command})
    assert code == 0 and mark.read_text() == "ran\n"
    assert [line.split()[2] for line in shown[1:]] == [m["email"] for m in everyone]
    mark.unlink()

    # not a table that fits the screen, not JSON, not into a pipe
    code, shown, _ = on_terminal(
        "members", "list", "--limit", "5", columns=120, lines=20, env={"PAGER": command}
    )
    assert code == 0 and len(shown) == 6
    code, shown, _ = on_terminal(
        "members", "list", "-o", "json", columns=120, lines=20, env={"PAGER": command}
    )
    assert code == 0 and len(json.loads("\n".join(shown))) == len(everyone)
    piped = subprocess.run(
        [sys.executable, "-m", "sigmakit", "members", "list", "-o", "table"],
        capture_output=True,
        text=True,
        env={**os.environ, "PAGER": command, "LINES": "20"},
        timeout=60,
    )
    assert piped.returncode == 0 and piped.stdout.count("\n") == len(everyone) + 1
    assert not mark.exists()


def test_no_pager_or_an_empty_pager_prints_straight_out(pager: tuple[str, Path]) -> None:
    command, mark = pager
    everyone = members()
    code, _, _ = on_terminal("members", "list", columns=120, lines=20, env={"PAGER": command})
    assert code == 0 and mark.read_text() == "ran\n"
    mark.unlink()
    for args, env in [
        (["members", "list", "--no-pager"], {"PAGER": command}),
        (["--no-pager", "members", "list"], {"PAGER": command}),
        (["members", "list"], {"PAGER": command, "SIGMAKIT_PAGER": ""}),
        (["members", "list"], {"PAGER": ""}),
        (["members", "list"], {"PAGER": "cat"}),
    ]:
        code, shown, _ = on_terminal(*args, columns=120, lines=20, env=env)
        assert code == 0 and len(shown) == len(everyone) + 1, args
        assert not mark.exists(), (args, env)


def test_sigmakit_pager_comes_before_pager(pager: tuple[str, Path]) -> None:
    command, mark = pager
    code, _, _ = on_terminal(
        "members", "list", columns=120, lines=20, env={"PAGER": "cat", "SIGMAKIT_PAGER": command}
    )
    assert code == 0 and mark.read_text() == "ran\n"


def test_a_pager_that_is_no_command_line_is_a_setting_error(pager: tuple[str, Path]) -> None:
    command, mark = pager
    code, shown, err = on_terminal(
        "members",
        "list",
        columns=120,
        lines=20,
        env={"PAGER": command, "SIGMAKIT_PAGER": "less '-R"},
    )
    assert (code, shown) == (3, [])
    assert err == (
        "error: SIGMAKIT_PAGER is not a command line (no closing quotation): fix it, or use"
        " --no-pager\n"
    )
    assert not mark.exists()

    # a table that fits the screen needs no pager, and prints
    code, shown, err = on_terminal(
        "members", "list", "--limit", "3", columns=120, env={"SIGMAKIT_PAGER": "less '-R"}
    )
    assert (code, len(shown)) == (0, 4)


def test_free_text_is_cut_short_rather_than_hidden_and_ids_go_first() -> None:
    code, out, _ = run("user-attributes", "list", "-o", "json")
    assert code == 0
    described = next(a for a in json.loads(out) if len(a["description"] or "") > 40)
    code, shown, err = on_terminal("user-attributes", "list", columns=80)
    assert code == 0
    assert shown[0].split() == ["name", "default", "description"]
    assert any(line.rstrip().endswith(described["description"]) for line in shown)
    assert "(userAttributeId)" in err

    code, shown, _ = on_terminal("user-attributes", "list", columns=50)
    assert code == 0
    assert shown[0].split() == ["name", "default", "description"]
    assert all(cell_len(line) <= 50 for line in shown)
    assert any(line.rstrip().endswith("…") for line in shown[1:])

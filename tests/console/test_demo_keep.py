"""`sigmakit demo --keep` leaves the emulator running and prints its console's address,
where the journey's member, workspace, team membership, materialization and exports show,
and the settings a new shell needs to point sigmakit at its organization."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from tests.support.browser import WIDE

pytestmark = pytest.mark.slow

URL = re.compile(r"(http://127\.0\.0\.1:\d+/__emulator/console)\s*$")


#: where the venv's `sigmakit` lives; the demo runs it as `make demo` does, not activated
BIN = Path(sys.executable).parent
PLAIN_PATH = os.pathsep.join(
    p
    for p in os.environ.get("PATH", "").split(os.pathsep)
    if p and Path(p).resolve() != BIN.resolve()
)


@contextmanager
def keep_demo(cwd: Path) -> Iterator[tuple[list[str], subprocess.Popen[str]]]:
    """``sigmakit demo --keep`` in ``cwd``, started by the venv's script as `make demo` does
    (no venv on PATH): its output up to "Press Ctrl+C", and the process, still running."""
    env = {**os.environ, "COLUMNS": "200", "PATH": PLAIN_PATH}
    env.pop("VIRTUAL_ENV", None)
    proc = subprocess.Popen(
        [str(BIN / "sigmakit"), "demo", "--keep", "--members", "30", "--out", "out"],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    seen: list[str] = []
    try:
        for line in proc.stdout:  # the demo takes some seconds; its last lines say what's next
            seen.append(line)
            if line.startswith("Press Ctrl+C"):
                yield seen, proc
                break
        else:
            pytest.fail("the demo ended without its closing lines:\n" + "".join(seen))
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)
        proc.stdout.close()


def interrupt(proc: subprocess.Popen[str], how: signal.Signals = signal.SIGINT) -> None:
    proc.send_signal(how)
    deadline = time.monotonic() + 15
    while proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)


@pytest.fixture
def kept_demo(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    with keep_demo(tmp_path) as (seen, proc):
        found = [m.group(1) for m in map(URL.search, seen) if m]
        assert found, "".join(seen)
        yield found[0], proc


def test_demo_keep_shows_the_journey_in_the_console_until_interrupted(
    kept_demo: tuple[str, subprocess.Popen[str]], browser: Any
) -> None:
    url, proc = kept_demo
    context = browser.new_context(viewport=WIDE)
    page = context.new_page()
    try:
        page.goto(f"{url}/people?q=lovelace")
        page.get_by_role("link", name="Ada Lovelace").click()
        teams = page.get_by_role("region", name="Teams")
        expect(teams.get_by_role("link", name="Sales")).to_be_visible()
        expect(teams.get_by_role("link", name="Data")).to_be_visible()
        own = page.locator("#member-workspaces li", has_text="ada.lovelace@northwind.example")
        expect(own).to_be_visible()  # onboarding's workspace, named after them

        page.goto(f"{url}/jobs")
        ready = page.locator("#jobs tbody tr[data-status='ready']")
        expect(ready.filter(has_text="materialization")).to_have_count(1)
        exports = ready.filter(has_text="export")
        expect(exports).to_have_count(2)  # the CSV and the PDF
        expect(exports.get_by_role("link", name="Download")).to_have_count(2)
    finally:
        context.close()

    assert proc.poll() is None  # still serving after the demo
    interrupt(proc)
    assert proc.returncode == 0


def test_demo_keep_prints_how_a_new_shell_reaches_its_organization(tmp_path: Path) -> None:
    theirs = tmp_path / "sigmakit-demo.env"
    theirs.write_text("SIGMA_CLIENT_SECRET=someone-elses-secret\n")
    with keep_demo(tmp_path) as (seen, proc):
        output = "".join(seen)
        setup, listing = (line.strip() for line in seen[-3:-1])
        # a file of its own, never over the one already there, readable by its owner only
        assert setup == "set -a; . ./sigmakit-demo-2.env; set +a"
        assert "sigmakit-demo-2.env" in output
        written = tmp_path / "sigmakit-demo-2.env"
        assert written.stat().st_mode & 0o777 == 0o600
        assert theirs.read_text() == "SIGMA_CLIENT_SECRET=someone-elses-secret\n"
        # the emulator's secrets stay in the file, not on the screen
        assert "demo-secret" not in output
        # the command is named as a new shell finds it: the venv's script, not activated
        assert listing == f"{BIN / 'sigmakit'} members list"
        # the lines, as printed, in a new shell without the venv: the demo's own organization
        done = subprocess.run(
            [
                "bash",
                "-c",
                f"{setup}\n{listing} --email ada.lovelace@northwind.example -o csv --fields email,firstName,lastName",
            ],
            cwd=tmp_path,
            env={**{k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}, "PATH": PLAIN_PATH},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        assert "ada.lovelace@northwind.example,Ada,Lovelace" in done.stdout
        interrupt(proc, signal.SIGTERM)  # as Ctrl+C: the demo stops and cleans up
        assert proc.returncode == 0
    # gone with the emulator it pointed at; the other file stays
    assert not written.exists()
    assert theirs.exists()


def test_the_demo_names_sigmakit_as_a_new_shell_finds_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sigmakit.cli.demo import command_hint

    venv = tmp_path / "proj" / ".venv"
    (venv / "bin").mkdir(parents=True)
    script = venv / "bin" / "sigmakit"
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    (venv / "bin" / "activate").write_text("")
    monkeypatch.chdir(tmp_path / "proj")
    monkeypatch.delenv("VIRTUAL_ENV", raising=False)
    monkeypatch.setattr(sys, "argv", [".venv/bin/sigmakit", "demo"])
    # as `make demo` runs it: not on PATH, so its path, and how to activate
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    hint = command_hint()
    assert (hint.run, hint.note) == (
        ".venv/bin/sigmakit",
        " (or `. .venv/bin/activate` first, then plain `sigmakit`)",
    )
    # on PATH only because this shell activated the venv: a new shell would not find it
    monkeypatch.setenv("PATH", f"{venv / 'bin'}:/usr/bin:/bin")
    monkeypatch.setenv("VIRTUAL_ENV", str(venv))
    assert command_hint().run == ".venv/bin/sigmakit"
    # installed on PATH (pip install --user, pipx): plain sigmakit
    monkeypatch.delenv("VIRTUAL_ENV")
    assert command_hint() == type(hint)("sigmakit")
    # started as python -m sigmakit: that, with this Python
    monkeypatch.setattr(sys, "argv", [str(tmp_path / "sigmakit" / "__main__.py")])
    assert command_hint().run.endswith(" -m sigmakit")

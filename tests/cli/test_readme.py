"""The README runs as written: every `sigmakit ...` line of its ```sh blocks, in order, as a
shell line against a freshly seeded emulator, with the settings `sigmakit demo --keep`
writes (its env file, loaded as the demo says) and in a folder of its own.

The lines run in one shell (a variable one sets is there for the next); a line passes
when it exits 0, or the code its comment gives first (`# exit 6: ...`). A
line whose comment starts with one of REASONS (`# needs a terminal: ...`) is not run; a
comment starting with "needs" that gives no such reason fails the test. A heredoc
(`cat > FILE <<'EOF'`) in a block writes its file, in its place among the lines.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.support.helpers import CLIENT_ID, CLIENT_SECRET

from sigmakit.cli.demo import write_env_file
from sigmakit.emulator import EmulatorConfig, EmulatorServer

pytestmark = pytest.mark.slow

README = Path(__file__).parents[2] / "README.md"
#: the venv's `sigmakit`, found first on PATH by the shell lines
BIN = Path(sys.executable).parent
#: why a line is not run here
REASONS = ("needs a real organization", "needs a terminal", "needs zsh", "runs until Ctrl+C")
#: sigmakit run as a command: at the start, after a pipe or `;`, or in `$(...)`
COMMAND = re.compile(r"(?:^|[|;&]|\$\()\s*sigmakit(?:\s|$)")
HEREDOC = re.compile(r"^cat > (\S+) <<'?(\w+)'?$")


@dataclass(frozen=True)
class Line:
    number: int
    text: str  # the shell line, continuation lines joined
    comment: str  # its trailing comment, without the #


def _split_comment(line: str) -> tuple[str, str]:
    """The command and its trailing comment: the first `#` after a blank, outside quotes."""
    quote = ""
    for i, ch in enumerate(line):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1].isspace()):
            return line[:i].rstrip(), line[i + 1 :].strip()
    return line.rstrip(), ""


def readme_steps(text: str) -> Iterator[Line | tuple[str, str]]:
    """The sigmakit lines of the ```sh blocks in order, and (file, content) for each heredoc."""
    lines = text.splitlines()
    i, in_sh = 0, False
    while i < len(lines):
        raw = lines[i].strip()
        number = i + 1
        i += 1
        if raw.startswith("```"):
            in_sh = raw == "```sh" and not in_sh
            continue
        if not in_sh:
            continue
        heredoc = HEREDOC.match(raw)
        if heredoc:
            body: list[str] = []
            while lines[i] != heredoc.group(2):
                body.append(lines[i])
                i += 1
            i += 1
            yield heredoc.group(1), "".join(f"{b}\n" for b in body)
            continue
        while raw.endswith("\\") and i < len(lines):
            raw = raw[:-1] + " " + lines[i].strip()
            i += 1
        command, comment = _split_comment(raw)
        if COMMAND.search(command):
            yield Line(number, command, comment)


def expected(line: Line) -> int | None:
    """The exit code the line should give, or None when it is not run here."""
    if line.comment.startswith(REASONS):
        return None
    if line.comment.startswith("needs"):
        raise AssertionError(
            f"README.md:{line.number}: '# {line.comment}' gives no reason the test knows "
            f"({', '.join(REASONS)}): {line.text}"
        )
    code = re.match(r"exit (\d+)\b", line.comment)
    return int(code.group(1)) if code else 0


def test_every_sigmakit_line_of_the_readme_runs_as_written(isolated_env: Path) -> None:
    steps = list(readme_steps(README.read_text()))
    lines = [s for s in steps if isinstance(s, Line)]
    assert len(lines) > 80  # the parser found the blocks
    skipped = [line for line in lines if expected(line) is None]
    assert len(skipped) <= 7, [line.text for line in skipped]

    work = isolated_env  # an empty folder of its own, and a private HOME
    config = EmulatorConfig(client_id=CLIENT_ID, client_secret=CLIENT_SECRET)
    with EmulatorServer(config) as emulator:
        env_file = write_env_file(work, emulator.base_url, CLIENT_ID, CLIENT_SECRET)
        with emulator.control() as control:  # jobs a stage a second, as in the demo
            control.put("/jobs", json={"stageSeconds": 1}).raise_for_status()
        # one shell for the whole README, as a reader's: a variable a line sets is there for
        # the next; each line's exit code and stderr are kept apart
        script = [f"set -o pipefail; set -a; . ./{env_file.name}; set +a"]
        ran: list[tuple[Line, int]] = []
        for step in steps:
            if not isinstance(step, Line):
                script.append(f"cat > {step[0]} <<'EOF'\n{step[1]}EOF")
                continue
            want = expected(step)
            if want is None:
                continue
            n = len(ran)
            script.append(
                f"t=$EPOCHREALTIME; {{ {step.text}\n}} 2> .stderr-{n}; "
                f"echo $? $t $EPOCHREALTIME > .exit-{n}"
            )
            ran.append((step, want))
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("SIGMA_", "SIGMAKIT_", "VIRTUAL_ENV"))
        }
        env |= {"PATH": f"{BIN}{os.pathsep}{env['PATH']}", "COLUMNS": "120"}
        started = time.monotonic()
        subprocess.run(
            ["bash", "-c", "\n".join(script)],
            cwd=work,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            timeout=600,
        )
        took = time.monotonic() - started
    failures = []
    times: list[tuple[float, str]] = []
    for n, (line, want) in enumerate(ran):
        if not (work / f".exit-{n}").exists():
            failures.append(f"README.md:{line.number}: the shell ended before: {line.text}")
            break
        got, start, end = (work / f".exit-{n}").read_text().split()
        times.append((float(end) - float(start), line.text))
        if got != str(want):
            err = (work / f".stderr-{n}").read_text().strip()[-600:]
            failures.append(
                f"README.md:{line.number}: exit {got}, not {want}: {line.text}\n    {err}"
            )
    assert not failures, "\n".join(failures)
    slowest = ", ".join(f"{t:.1f} s {text[:50]!r}" for t, text in sorted(times)[-3:])
    print(f"{len(ran)} README lines ran in {took:.1f} s; the slowest: {slowest}")


def test_the_reader_takes_lines_heredocs_and_reasons_as_a_shell_reader_would() -> None:
    text = (
        "```sh\n"
        "make demo\n"
        "sigmakit members list -o csv \\\n"
        "    --fields email 'a #b'   # continued; a # in quotes is no comment\n"
        "cat > a.csv <<'EOF'\n"
        "email\n"
        "EOF\n"
        "x=$(sigmakit teams list | head -n 1)\n"
        "sigmakit members get nobody@example.com   # exit 5: no such member\n"
        "sigmakit auth login   # needs a terminal: it asks\n"
        "```\n"
        "sigmakit outside a block\n"
        "```python\nsigmakit = 1\n```\n"
    )
    steps = list(readme_steps(text))
    assert steps[1] == ("a.csv", "email\n")
    lines = [s for s in steps if isinstance(s, Line)]
    assert [line.text for line in lines] == [
        "sigmakit members list -o csv  --fields email 'a #b'",
        "x=$(sigmakit teams list | head -n 1)",
        "sigmakit members get nobody@example.com",
        "sigmakit auth login",
    ]
    assert [expected(line) for line in lines] == [0, 0, 5, None]
    # a line kept from running must say why, in words the test knows
    for comment in ("needs", "needs a bigger machine"):
        with pytest.raises(AssertionError, match="gives no reason"):
            expected(Line(1, "sigmakit members list", comment))

"""``sigmakit ... --help`` from the cache of click's own output: the same text, without
importing click; a fresh render whenever the width, the command or the cache differs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def sigmakit(*args: str, cache: Path, columns: int = 80) -> subprocess.CompletedProcess[str]:
    """``sigmakit ARGS`` in a new process; its stderr's last line lists what it imported."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SIGMA")}
    env.update(SIGMAKIT_CACHE_DIR=str(cache), COLUMNS=str(columns))
    code = (
        "import atexit, json, sys\n"
        "atexit.register(lambda: print(json.dumps(sorted(sys.modules)), file=sys.stderr))\n"
        "from sigmakit.cli.entry import main\n"
        f"main({list(args)!r})\n"
    )
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)


def imported(done: subprocess.CompletedProcess[str]) -> list[str]:
    return list(json.loads(done.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize("args", [("--help",), ("teams", "-h"), ("teams", "bulk-assign", "--help")])
def test_the_second_help_is_the_same_text_without_click(
    args: tuple[str, ...], tmp_path: Path
) -> None:
    first = sigmakit(*args, cache=tmp_path)
    second = sigmakit(*args, cache=tmp_path)
    assert first.returncode == second.returncode == 0
    assert first.stdout.startswith("Usage: sigmakit")
    assert second.stdout == first.stdout
    assert "click" in imported(first)
    assert "click" not in imported(second)


def test_each_width_gets_its_own_render(tmp_path: Path) -> None:
    narrow = sigmakit("emulator", "serve", "--help", cache=tmp_path, columns=60)
    wide = sigmakit("emulator", "serve", "--help", cache=tmp_path, columns=100)
    assert narrow.stdout != wide.stdout
    assert max(len(line) for line in narrow.stdout.splitlines()) <= 60
    again = sigmakit("emulator", "serve", "--help", cache=tmp_path, columns=60)
    assert again.stdout == narrow.stdout and "click" not in imported(again)


def test_an_unknown_command_is_an_error_and_is_not_kept(tmp_path: Path) -> None:
    for _ in range(2):
        done = sigmakit("nonsense", "--help", cache=tmp_path)
        assert done.returncode == 2
        assert "No such command 'nonsense'" in done.stderr
        assert done.stdout == ""


def test_help_works_when_the_cache_cannot_be_written(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    for _ in range(2):
        done = sigmakit("auth", "--help", cache=blocked)
        assert done.returncode == 0 and done.stdout.startswith("Usage: sigmakit auth")

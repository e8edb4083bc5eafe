"""In a shell pipe: a reader that stops early (`| head`) is no error: no message, exit 0."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from tests.support.helpers import CLIENT_ID, CLIENT_SECRET

from sigmakit.emulator import EmulatorServer

pytestmark = pytest.mark.slow


def test_head_closing_the_pipe_prints_nothing_on_stderr(
    emulator: EmulatorServer, tmp_path: object
) -> None:
    env = {
        **os.environ,
        "SIGMA_BASE_URL": emulator.base_url,
        "SIGMA_CLIENT_ID": CLIENT_ID,
        "SIGMA_CLIENT_SECRET": CLIENT_SECRET,
        "SIGMAKIT_NO_TOKEN_CACHE": "1",
    }
    script = f"set -o pipefail; {sys.executable} -m sigmakit members list -o jsonl | head -n 1"
    done = subprocess.run(
        ["bash", "-c", script], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.stdout.count("\n") == 1
    assert done.stderr == ""
    assert done.returncode == 0  # sigmakit's own exit code too (pipefail)

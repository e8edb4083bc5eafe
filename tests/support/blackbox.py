"""``make blackbox``: the tests against an emulator started as its own process
(``sigmakit emulator serve`` on a free loopback port, with the tests' credentials), reached
over HTTP only, then stopped.

    python -m tests.support.blackbox [pytest arguments]

Without arguments it runs the SDK, CLI, workflow, MCP, emulator, parity and reliability
tests; ``tests.support.tally`` prints how many passed against the process and fails the run
under 80 % of the SDK, CLI, workflow, MCP and emulator ones.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.support.helpers import CLIENT_ID, CLIENT_SECRET, SEED
from tests.support.processes import Served
from tests.support.tally import COUNTED
from tests.support.target import CLIENT_ID as ID_VAR
from tests.support.target import CLIENT_SECRET as SECRET_VAR
from tests.support.target import URL as URL_VAR

TESTS = Path(__file__).parents[1]
DEFAULT_ARGS = [str(TESTS / name) for name in (*COUNTED, "parity", "reliability")]


def main(argv: list[str]) -> int:
    credentials = {
        "SIGMA_EMULATOR_CLIENT_ID": CLIENT_ID,
        "SIGMA_EMULATOR_CLIENT_SECRET": CLIENT_SECRET,
    }
    with tempfile.TemporaryDirectory(prefix="sigmakit-blackbox-") as tmp:
        served = Served(Path(tmp), "--seed", str(SEED), port=0, credentials=credentials)
        try:
            env = {**os.environ, URL_VAR: served.base, ID_VAR: CLIENT_ID, SECRET_VAR: CLIENT_SECRET}
            command = [sys.executable, "-m", "pytest", "-p", "tests.support.tally"]
            return subprocess.run(
                [*command, *(argv or DEFAULT_ARGS)], env=env, check=False
            ).returncode
        finally:
            served.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

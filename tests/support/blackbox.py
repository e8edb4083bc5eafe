"""``make blackbox``: the tests against an emulator started as its own process
(``sigmakit emulator serve`` on a free loopback port, with the tests' credentials), reached
over HTTP only, then stopped.

    python -m tests.support.blackbox [pytest options] [paths]

Without paths it runs the SDK, CLI, workflow, MCP, emulator, parity and reliability tests
(and collects tests/internals/, which are skipped: they look inside the emulator).
``tests.support.tally`` prints how many passed against the process and fails the run under
80 % of the SDK, CLI, workflow, MCP, emulator and internals ones.

With ``SIGMAKIT_TEST_URL`` (and its client id and secret) already set, no emulator is
started: the same tests run against that server (a real organization: see CONTRIBUTING.md).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.support.helpers import CLIENT_ID, CLIENT_SECRET, SEED
from tests.support.processes import Served
from tests.support.tally import COUNTED, ENFORCE
from tests.support.target import CLIENT_ID as ID_VAR
from tests.support.target import CLIENT_SECRET as SECRET_VAR
from tests.support.target import URL as URL_VAR

TESTS = Path(__file__).parents[1]
DEFAULT_PATHS = [str(TESTS / name) for name in (*COUNTED, "parity", "reliability")]


def _pytest(argv: list[str], env: dict[str, str]) -> int:
    """pytest on ``argv`` (the default folders when it names none: only then is the 80 % a
    rule, and only against an emulator this started)."""
    paths = [] if any(Path(a.split("::")[0]).exists() for a in argv) else DEFAULT_PATHS
    if paths and ENFORCE in env:
        env = {**env, ENFORCE: "1"}
    else:
        env = {k: v for k, v in env.items() if k != ENFORCE}
    command = [sys.executable, "-m", "pytest", "-p", "tests.support.tally", *argv, *paths]
    return subprocess.run(command, env=env, check=False).returncode


def main(argv: list[str]) -> int:
    if os.environ.get(URL_VAR):
        print(f"blackbox: against {os.environ[URL_VAR]} (SIGMAKIT_TEST_URL)", flush=True)
        return _pytest(argv, dict(os.environ))
    credentials = {
        "SIGMA_EMULATOR_CLIENT_ID": CLIENT_ID,
        "SIGMA_EMULATOR_CLIENT_SECRET": CLIENT_SECRET,
    }
    with tempfile.TemporaryDirectory(prefix="sigmakit-blackbox-") as tmp:
        served = Served(Path(tmp), "--seed", str(SEED), port=0, credentials=credentials)
        print(
            f"blackbox: started sigmakit emulator serve at {served.base} (pid {served.proc.pid})",
            flush=True,
        )
        try:
            env = {
                **os.environ,
                URL_VAR: served.base,
                ID_VAR: CLIENT_ID,
                SECRET_VAR: CLIENT_SECRET,
                ENFORCE: "",
            }
            return _pytest(argv, env)
        finally:
            served.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

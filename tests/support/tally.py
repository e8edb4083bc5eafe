"""A pytest plugin for ``make blackbox`` (``-p tests.support.tally``): counts, per test folder,
the tests collected and those that passed talking to a server over HTTP only (the fixtures
in tests/conftest.py mark their reports with ``TARGET_PROPERTY``), prints one line of
figures at the end, and fails the run when under ``MIN_SHARE`` of the counted tests did.

It imports nothing of sigmakit: pytest loads it before the test modules.
"""

from __future__ import annotations

import os
from collections import Counter

import pytest

#: the user property a test's report carries when it talked to a server over HTTP only
TARGET_PROPERTY = "test_target"
#: the folders whose tests must run against the server, and the least share that must
#: (tests/internals/ holds SDK, CLI, workflow and emulator tests that look inside: counted,
#: and skipped against a separate process)
COUNTED = ("sdk", "cli", "workflows", "mcp", "emulator", "internals")
MIN_SHARE = 0.80
#: set by ``tests.support.blackbox`` when it started the emulator: only then is the share a rule
ENFORCE = "SIGMAKIT_BLACKBOX_ENFORCE"

_collected: Counter[str] = Counter()
_remote: Counter[str] = Counter()
_urls: set[str] = set()


def _area(nodeid: str) -> str:
    parts = nodeid.split("::", 1)[0].split("/")
    return parts[1] if len(parts) > 2 and parts[0] == "tests" else ""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    _collected.update(_area(item.nodeid) for item in items)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    urls = {str(value) for name, value in report.user_properties if name == TARGET_PROPERTY}
    if report.when == "call" and report.passed and urls:
        _remote[_area(report.nodeid)] += 1
        _urls.update(urls)


def _share() -> tuple[int, int]:
    return sum(_remote[a] for a in COUNTED), sum(_collected[a] for a in COUNTED)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    remote, total = _share()
    share = remote / total if total else 0.0
    where = ", ".join(sorted(_urls)) or "no server"
    parts = ", ".join(f"{a} {_remote[a]}/{_collected[a]}" for a in COUNTED)
    terminalreporter.write_line(
        f"blackbox: {remote} of {total} SDK, CLI, workflow, MCP and emulator tests ({share:.1%}, "
        "internals included) "
        f"passed against {where} over HTTP only ({parts}); {sum(_remote.values())} in all"
    )


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    remote, total = _share()
    enforced = os.environ.get(ENFORCE) == "1"
    if enforced and exitstatus == 0 and total and remote / total < MIN_SHARE:
        session.config.get_terminal_writer().line(
            f"blackbox: under {MIN_SHARE:.0%} of those tests passed against the server", red=True
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED

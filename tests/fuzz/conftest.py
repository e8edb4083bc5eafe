"""Print the fuzz figures at the end of the run, whatever pytest's verbosity."""

from __future__ import annotations

import pytest
from tests.fuzz.summary import SUMMARY


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for line in SUMMARY:
        terminalreporter.write_line(line)

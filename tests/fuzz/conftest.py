"""Print the fuzz figures at the end of the run, whatever pytest's verbosity."""

from __future__ import annotations

import pytest

#: lines the fuzz tests want shown in the terminal summary
SUMMARY: list[str] = []


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for line in SUMMARY:
        terminalreporter.write_line(line)

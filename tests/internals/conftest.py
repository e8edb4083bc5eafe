"""The tests that look inside the emulator (its database, workers, export folder, state):
they need it in this process, so against a server reached over HTTP only (``make
blackbox``, ``SIGMAKIT_TEST_URL``) they are skipped. Every other test speaks HTTP only."""

from __future__ import annotations

import pytest
from tests.support.workbook_helpers import sales

from sigmakit.emulator import EmulatorServer

__all__ = ["emulator", "sales"]


@pytest.fixture
def emulator(emulator_server: EmulatorServer, emulator: EmulatorServer) -> EmulatorServer:
    """tests/conftest.py's freshly seeded emulator, always the in-process one."""
    return emulator

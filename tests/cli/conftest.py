"""Fixtures of the CLI tests that need a second organization: another emulator, in this
process, seeded with another seed (its ids differ from the first's), for the commands that
move documents between organizations (``code apply --map``, ``promote --to-profile``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from tests.support.helpers import CLIENT_ID, CLIENT_SECRET, client_settings, reseed

from sigmakit import Sigma
from sigmakit.emulator import EmulatorConfig, EmulatorServer


@pytest.fixture(scope="module")
def second_org() -> Iterator[EmulatorServer]:
    config = EmulatorConfig(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, seed=8)
    with EmulatorServer(config) as server:
        yield server


@pytest.fixture
def target(second_org: EmulatorServer) -> Iterator[Sigma]:
    reseed(second_org)
    with Sigma(settings=client_settings(second_org)) as client:
        yield client

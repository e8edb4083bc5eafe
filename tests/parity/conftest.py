"""The parity suite's one fixture: ``target``, a fresh emulator or a real organization.

Every scenario runs once per target. The emulator target always runs; the live target runs
only with ``SIGMAKIT_LIVE=1`` and credentials, or with ``SIGMAKIT_TEST_URL`` and its
credentials naming a server that is not an emulator (read here, at import, through sigmakit's own
settings: the autouse fixture in tests/conftest.py strips SIGMA_*/SIGMAKIT_* before each test),
and otherwise skips with the reason.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.parity.snapshots import SNAPSHOT_DIR, Snapshot
from tests.parity.target import Target, capture_live, emulator_target, live_target
from tests.support.helpers import CLIENT_ID, CLIENT_SECRET
from tests.support.target import remote_from_env


def _live_env(environ: dict[str, str]) -> dict[str, str]:
    """``SIGMAKIT_TEST_URL`` and its credentials naming a server that is not an emulator (a
    real organization) turn the live target on, as ``SIGMAKIT_LIVE=1`` with ``SIGMA_*``
    settings does; an emulator there is the emulator target's business."""
    try:
        remote = remote_from_env(environ)
    except ValueError:
        return environ
    if remote is None or remote.is_emulator or environ.get("SIGMAKIT_LIVE") == "1":
        return environ
    return {
        **environ,
        "SIGMAKIT_LIVE": "1",
        "SIGMA_BASE_URL": remote.base_url,
        "SIGMA_CLIENT_ID": remote.client_id,
        "SIGMA_CLIENT_SECRET": remote.client_secret,
    }


LIVE, LIVE_SKIP_REASON = capture_live(_live_env(dict(os.environ)))
UPDATE_SNAPSHOTS = os.environ.get("SIGMAKIT_SNAPSHOT_UPDATE") == "1"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "emulator_gap(reason): the emulator does not yet do what Sigma does here; the "
        "scenario is a strict xfail against the emulator (and runs normally live)",
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> object:
    report = yield
    if call.when == "call":
        item.stash[_PASSED] = report.passed
    return report


_PASSED = pytest.StashKey[bool]()


@pytest.fixture(params=["emulator", "live"])
def target(request: pytest.FixtureRequest) -> Iterator[Target]:
    if request.param == "live":
        if LIVE is None:
            pytest.skip(LIVE_SKIP_REASON)
        chosen = live_target(LIVE)
    else:
        emulator = request.getfixturevalue("emulator")
        chosen = emulator_target(emulator.base_url, CLIENT_ID, CLIENT_SECRET)
        gap = request.node.get_closest_marker("emulator_gap")
        if gap is not None:
            request.applymarker(pytest.mark.xfail(reason=gap.args[0], strict=True))
    yield chosen
    problems = chosen.close()
    assert not problems, f"clean-up left things behind on the {chosen.name}: {problems}"


@pytest.fixture
def snapshot(request: pytest.FixtureRequest, target: Target) -> Iterator[Snapshot]:
    """The scenario's snapshot, ``snapshots/<module>__<test>.json`` (one for both targets)."""
    module = Path(str(request.node.path)).stem.removeprefix("test_")
    test = request.node.originalname.removeprefix("test_")
    snap = Snapshot(
        name=f"{module}::{test}",
        path=SNAPSHOT_DIR / f"{module}__{test}.json",
        target=target.name,
        host=target.host,
        update=UPDATE_SNAPSHOTS,
    )
    yield snap
    if request.node.stash.get(_PASSED, False):
        snap.finish()

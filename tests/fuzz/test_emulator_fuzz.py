"""No input gets a 5xx from the emulator: a standing property-based fuzz test.

``make test`` runs a modest number of cases (derandomized: the same every run);
``make fuzz`` runs many more (``SIGMAKIT_FUZZ_CASES``) with a random seed. Both print the
count of cases and of 5xx answers.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.fuzz.engine import Fuzzer, requests

#: read at import: the autouse fixture clears SIGMAKIT_* variables before each test
CASES = int(os.environ.get("SIGMAKIT_FUZZ_CASES", "300"))
LONG = "SIGMAKIT_FUZZ_CASES" in os.environ

_fuzzer: Fuzzer | None = None


def fuzzer() -> Fuzzer:
    global _fuzzer
    if _fuzzer is None:
        _fuzzer = Fuzzer()
    return _fuzzer


@pytest.fixture(scope="module", autouse=True)
def report(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if _fuzzer is not None:
        reporter = request.config.pluginmanager.get_plugin("terminalreporter")
        line = _fuzzer.summary()
        if reporter is not None:
            reporter.write_line("")
            reporter.write_line(line)
        print(line)
        _fuzzer.close()


@settings(
    max_examples=CASES,
    deadline=None,
    derandomize=not LONG,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(data=st.data())
def test_no_request_gets_a_server_error(data: Any) -> None:
    f = fuzzer()
    case = data.draw(requests(f.ops, f.pools))
    before = f.server_errors
    f.send(case)
    assert f.server_errors == before, str(f.findings[-1])[:2000]


def test_the_fuzzer_reached_deep_paths() -> None:
    """Real ids got past the 404s: exports were made and answered, elements were listed."""
    f = fuzzer()
    assert f.pools.elements and f.pools.controls
    assert f.by_status.get(200, 0) > CASES // 10, f.summary()

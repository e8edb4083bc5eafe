"""No input gets a 5xx from the emulator: a standing property-based fuzz test.

``make test`` runs a modest number of cases (derandomized: the same every run);
``make fuzz`` runs many more (``SIGMAKIT_FUZZ_CASES``) with a random seed. Every case is
sent (a 5xx does not stop the run); the last test fails if any answer was a 5xx and names
them. Both print the count of cases and of 5xx answers.
"""

from __future__ import annotations

import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.fuzz.engine import Fuzzer, requests
from tests.fuzz.summary import SUMMARY

#: read at import: the autouse fixture clears SIGMAKIT_* variables before each test
CASES = int(os.environ.get("SIGMAKIT_FUZZ_CASES", "400"))
LONG = "SIGMAKIT_FUZZ_CASES" in os.environ

_fuzzer: Fuzzer | None = None


def fuzzer() -> Fuzzer:
    global _fuzzer
    if _fuzzer is None:
        _fuzzer = Fuzzer()
    return _fuzzer


@settings(
    max_examples=CASES,
    deadline=None,
    derandomize=not LONG,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(data=st.data())
def test_send_hostile_requests(data: Any) -> None:
    f = fuzzer()
    f.send(data.draw(requests(f.ops, f.pools)))


def test_no_request_got_a_server_error() -> None:
    f = fuzzer()
    try:
        SUMMARY.append(f.summary())
        assert f.cases >= CASES
        kinds = sorted({(x.method, x.url[:160], x.status) for x in f.findings})
        assert f.server_errors == 0, f"{f.summary()}; first: {kinds[:10]}"
    finally:
        f.close()


def test_the_fuzzer_reached_deep_paths() -> None:
    """Real ids got past the 404s: the organization was read, and many answers were 200."""
    f = fuzzer()
    assert f.pools.elements and f.pools.controls and f.pools.pages
    assert f.by_status.get(200, 0) > f.cases // 10, f.summary()


def test_the_fuzzer_sent_each_targeted_kind() -> None:
    """Lone surrogates, impossible page tokens and wrong types in hand-read bodies were
    each among the cases (all of them counted in the 5xx check above)."""
    f = fuzzer()
    assert {"surrogate", "page token", "wrong type"} <= set(f.by_kind), f.summary()

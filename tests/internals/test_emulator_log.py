"""The emulator's own log lines (read in this process): not forgeable, one line a dropped connection."""

from __future__ import annotations

import logging

import httpx
import pytest
from tests.support.helpers import queue_faults

from sigmakit.emulator import EmulatorServer

#: what a client sees when the emulator cuts the connection: the answer broken off, or the
#: connection reset, whichever the kernel reports first
DROPPED = (httpx.RemoteProtocolError, httpx.ReadError)


def test_the_log_cannot_be_forged_and_a_drop_is_one_line(
    api: httpx.Client, emulator: EmulatorServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    api.get("/v2/members/abc%0A17:00:00%20POST%20%2Fv2%2Fauth%2Ftoken%20200%201.0ms")
    queue_faults(emulator, "drop", "drop_after")
    for _ in range(2):
        with pytest.raises(DROPPED):
            api.get("/v2/whoami")
    api.get("/v2/whoami")
    lines = [r.getMessage() for r in caplog.records if r.name.startswith(("sigmakit", "uvicorn"))]
    assert all("\n" not in line for line in lines)
    forged = [line for line in lines if "abc" in line]
    assert forged and "\\n17:00:00" in forged[0]
    drops = [line for line in lines if "connection dropped" in line]
    assert len(drops) == 2
    assert not [r for r in caplog.records if r.exc_info], "no traceback for injected drops"

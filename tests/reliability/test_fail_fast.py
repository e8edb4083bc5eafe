"""A run that meets nothing but connection failures stops within the fail-fast window,
with one line, a report of what was and wasn't done and exit 7; a rerun finishes it."""

from __future__ import annotations

import json
import socket
import subprocess
import time
from pathlib import Path

import pytest
from tests.support.processes import Served, client_env, run_cli, sigmakit_command

from sigmakit import APIConnectionError, ServerUnreachableError, Sigma, load_settings


def dead_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_the_client_gives_up_on_a_dead_server_then_fails_each_request_at_once() -> None:
    settings = load_settings(
        base_url=f"http://127.0.0.1:{dead_port()}",
        client_id="c",
        client_secret="s",
        env={"SIGMAKIT_RETRY_DELAY": "0.02", "SIGMAKIT_FAIL_FAST": "0.3"},
        use_dotenv=False,
    )
    with Sigma(settings=settings) as sigma:
        assert not sigma.unreachable
        with pytest.raises(ServerUnreachableError, match="nothing is listening at"):
            sigma.whoami()
        assert sigma.unreachable
        sent = sigma.requests_sent
        with pytest.raises(APIConnectionError):
            sigma.whoami()
        assert sigma.requests_sent <= sent + 2  # one quick try (token, then call), no retries


@pytest.mark.slow
def test_bulk_deactivate_stops_soon_after_the_emulator_dies_and_a_rerun_finishes(
    tmp_path: Path,
) -> None:
    db = tmp_path / "org.db"
    served = Served(tmp_path, "--db", str(db), "--members", "300", "--latency-ms", "40")
    env = client_env(served.base, tmp_path, SIGMAKIT_FAIL_FAST="3", SIGMAKIT_RETRY_DELAY="0.1")
    args = ("members", "bulk-deactivate", "--pattern", "*@northwind.example", "--yes")
    run = subprocess.Popen(
        [*sigmakit_command(), *args, "--concurrency", "4", "-o", "jsonl"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(2.0)
    assert run.poll() is None, "the run ended before the emulator was killed"
    served.kill()
    killed = time.monotonic()
    out, err = run.communicate(timeout=120)
    took = time.monotonic() - killed
    print(f"fail fast (SIGMAKIT_FAIL_FAST=3): stopped {took:.1f} s after the emulator died")
    assert run.returncode == 7, err
    assert took < 3 + 8 + 5  # the window, one backoff step in flight, process start-up
    assert err.count("error: stopped early:") == 1 and "no answer from" in err
    assert "Traceback" not in err
    items = [json.loads(line) for line in out.splitlines()]
    statuses = {i["status"] for i in items}
    assert "changed" in statuses and "not done" in statuses
    assert "failed" not in statuses  # nothing is called failed that may have been done

    served = Served(tmp_path, "--db", str(db), port=served.port)
    try:
        env = client_env(served.base, tmp_path)
        again = run_cli(env, *args, "-o", "jsonl")
        assert again.returncode == 0, again.stderr
        listed = run_cli(env, "members", "list", "--include-archived", "-o", "json")
        members = json.loads(listed.stdout)
        left = [
            m for m in members if not m["isArchived"] and m["email"] != "admin@northwind.example"
        ]
        assert left == []
    finally:
        served.stop()


class FakeTime:
    """A clock that only moves when the client sleeps: the retry waits, without waiting."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.waits: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds


def test_a_server_that_never_answered_is_given_up_on_within_seconds_with_default_settings() -> None:
    port = dead_port()
    settings = load_settings(
        base_url=f"http://127.0.0.1:{port}", client_id="c", client_secret="s", env={}
    )
    fake = FakeTime()
    with Sigma(settings=settings, sleep=fake.sleep) as sigma:
        sigma._core._clock = fake.clock
        with pytest.raises(ServerUnreachableError) as caught:
            sigma.whoami()
    assert str(caught.value) == (
        f"nothing is listening at http://127.0.0.1:{port} (connection refused); "
        "is the server running?"
    )
    # the default window is 30 s; before the first answer it is 3 s, and no wait overshoots it
    assert settings.fail_fast == 30
    assert 0 < sum(fake.waits) < 3
    assert len(fake.waits) >= 2  # a blip at start-up is still ridden out


def test_a_server_that_answered_once_keeps_the_whole_fail_fast_window(emulator) -> None:  # type: ignore[no-untyped-def]
    from tests.support.helpers import client_settings

    fake = FakeTime()
    with Sigma(settings=client_settings(emulator), sleep=fake.sleep) as sigma:
        sigma.whoami()  # answered: from now on a dead server gets the whole window
        sigma._core._clock = fake.clock
        sigma._core.base_url = sigma._core._client.base_url = f"http://127.0.0.1:{dead_port()}"
        with pytest.raises(APIConnectionError) as caught:
            sigma.whoami()
    assert "nothing is listening" not in str(caught.value)
    # the request was retried past the 3 s a never-answering server gets (8 retries' waits)
    assert len(fake.waits) == 8 and sum(fake.waits) > 3


def test_the_cli_says_nothing_listens_in_one_line(tmp_path: Path) -> None:
    port = dead_port()
    env = client_env(f"http://127.0.0.1:{port}", tmp_path)
    env.pop("SIGMAKIT_FAIL_FAST", None)
    env.pop("SIGMAKIT_RETRY_DELAY", None)
    started = time.monotonic()
    done = run_cli(env, "members", "list")
    took = time.monotonic() - started
    print(f"refused connection: the command ended after {took:.1f} s")
    assert done.returncode == 7
    assert done.stderr == (
        f"error: nothing is listening at http://127.0.0.1:{port} (connection refused); "
        "is the server running?\n"
    )

"""`sigmakit demo --keep` leaves the emulator running and prints its console's address,
where the journey's member, workspace, team membership, materialization and exports show."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from tests.console.conftest import WIDE

pytestmark = pytest.mark.slow

URL = re.compile(r"(http://127\.0\.0\.1:\d+/__emulator/console)\s*$")


@pytest.fixture
def kept_demo(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "sigmakit", "demo", "--keep", "--members", "30", "--out", "out"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert proc.stdout is not None
    seen: list[str] = []
    try:
        for line in proc.stdout:  # the demo takes some seconds; its last lines give the URL
            seen.append(line)
            found = URL.search(line)
            if found:
                yield found.group(1), proc
                break
        else:
            pytest.fail("the demo ended without a console URL:\n" + "".join(seen))
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)
        proc.stdout.close()


def test_demo_keep_shows_the_journey_in_the_console_until_interrupted(
    kept_demo: tuple[str, subprocess.Popen[str]], browser: Any
) -> None:
    url, proc = kept_demo
    context = browser.new_context(viewport=WIDE)
    page = context.new_page()
    try:
        page.goto(f"{url}/people?q=lovelace")
        page.get_by_role("link", name="Ada Lovelace").click()
        teams = page.get_by_role("region", name="Teams")
        expect(teams.get_by_role("link", name="Sales")).to_be_visible()
        expect(teams.get_by_role("link", name="Data")).to_be_visible()
        own = page.locator("#member-workspaces li", has_text="ada.lovelace@northwind.example")
        expect(own).to_be_visible()  # onboarding's workspace, named after them

        page.goto(f"{url}/jobs")
        ready = page.locator("#jobs tbody tr[data-status='ready']")
        expect(ready.filter(has_text="materialization")).to_have_count(1)
        exports = ready.filter(has_text="export")
        expect(exports).to_have_count(2)  # the CSV and the PDF
        expect(exports.get_by_role("link", name="Download")).to_have_count(2)
    finally:
        context.close()

    assert proc.poll() is None  # still serving after the demo
    proc.send_signal(signal.SIGINT)
    deadline = time.monotonic() + 15
    while proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert proc.returncode == 0

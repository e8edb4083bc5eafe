"""Browser fixtures for the console: the system's headless Chromium, driven by Playwright.

The tests use the Chromium the OS packages install (``make browser`` does it on Debian),
never a browser Playwright downloads. Without one, they are skipped with a reason, except
in CI (``CI=true``), where a missing browser fails them: CI must run them.
A failing test leaves a screenshot in ``tests/console/screenshots/`` (not committed).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from tests.support.browser import LAUNCH_ARGS, SCREENSHOTS, WIDE, Console, find_chromium

from sigmakit.emulator import EmulatorServer


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI must run the browser tests)")
    pytest.skip(reason)


# Module scope, not session: Playwright's sync API keeps an asyncio loop running on the
# main thread while it is open, and the async client's tests, which run later in the same
# session, could not start their own loop beside it. (Package scope is session scope in a
# folder without an __init__.py.)
@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = find_chromium()
    if executable is None:
        _unavailable(
            "no Chromium found: `make browser` installs it (Debian: apt-get install chromium)"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed: pip install -e '.[dev]'")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable, headless=True, args=LAUNCH_ARGS
        )
        yield chromium
        chromium.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture
def console(
    browser: Any, emulator: EmulatorServer, request: pytest.FixtureRequest
) -> Iterator[Console]:
    """A fresh page (1280 px wide) on the console of the session's freshly seeded emulator."""
    context = browser.new_context(viewport=WIDE)
    context.set_default_timeout(10_000)
    page = context.new_page()
    ui = Console(page, emulator)
    yield ui
    failed = getattr(request.node, "report_call", None)
    if failed is not None and failed.failed:
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert not ui.errors, f"JavaScript errors on the page: {ui.errors}"

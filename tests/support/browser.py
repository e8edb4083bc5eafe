"""The console's browser: where Chromium is, how it is launched, one page on the console."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from sigmakit.emulator import EmulatorServer

SCREENSHOTS = Path(__file__).parents[1] / "console" / "screenshots"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDE = {"width": 1280, "height": 900}
NARROW = {"width": 390, "height": 844}


def find_chromium() -> str | None:
    """``SIGMAKIT_CHROMIUM``, else the first Chromium on PATH."""
    given = os.environ.get("SIGMAKIT_CHROMIUM")
    if given:
        return shutil.which(given)
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


class Console:
    """The console of one emulator, in one browser page."""

    def __init__(self, page: Any, emulator: EmulatorServer) -> None:
        self.page = page
        self.emulator = emulator
        self.root = f"{emulator.base_url}/__emulator/console"
        self.errors: list[str] = []
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def open(self, path: str = "") -> Any:
        response = self.page.goto(f"{self.root}{path}")
        assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
        return self.page

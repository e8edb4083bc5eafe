"""What a package index and pip show: licence, links, classifiers and a lean extra."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def test_the_license_file_matches_the_metadata() -> None:
    assert PROJECT["license"] == "MIT"
    assert PROJECT["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text()
    assert text.startswith("MIT License") and "WITHOUT WARRANTY OF ANY KIND" in text


def test_project_urls_and_classifiers() -> None:
    assert PROJECT["urls"] and all(u.startswith("https://") for u in PROJECT["urls"].values())
    classifiers = PROJECT["classifiers"]
    assert "Programming Language :: Python :: 3.11" in classifiers
    assert "Typing :: Typed" in classifiers
    assert (ROOT / "src" / "sigmakit" / "py.typed").exists()


def test_the_emulator_extra_has_no_matplotlib() -> None:
    extra = " ".join(PROJECT["optional-dependencies"]["emulator"]).lower()
    assert "matplotlib" not in extra and "numpy" not in extra
    assert "pillow" in extra and "fpdf2" in extra

"""Sigma's API descriptions ship inside the package, as the reference README says."""

from __future__ import annotations

import hashlib
import json
import re
from importlib import resources

import pytest

from sigmakit._reference import VERSIONS, load, operations


def test_both_descriptions_load_from_the_package_with_refs_mended() -> None:
    assert len(operations("2026-08")) == 254
    assert len(operations("2025-11")) == 172
    for version in VERSIONS:
        text = json.dumps(load(version))
        assert '"#components' not in text  # 2025-11's defect, mended on load
        assert load(version) is load(version)  # read once


def test_the_readme_names_each_file_with_its_checksum() -> None:
    folder = resources.files("sigmakit.reference")
    readme = folder.joinpath("README.md").read_text(encoding="utf-8")
    for version in VERSIONS:
        name = f"sigma-openapi-{version}.json"
        digest = hashlib.sha256(folder.joinpath(name).read_bytes()).hexdigest()
        assert re.search(rf"`{re.escape(name)}` \|.*\| `{digest}` \|", readme), name


def test_an_unknown_version_is_refused() -> None:
    with pytest.raises(ValueError, match="2025-11, 2026-08"):
        load("2024-01")  # type: ignore[arg-type]

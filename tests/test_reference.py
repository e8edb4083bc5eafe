"""Sigma's API descriptions ship inside the package, as the reference README says."""

from __future__ import annotations

import hashlib
import json
import re
from importlib import resources

import pytest

from sigmakit._reference import (
    CODE_REPRESENTATION,
    VERSIONS,
    code_representation,
    load,
    operations,
)


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


def test_the_code_representation_is_whole_and_its_three_trees_agree() -> None:
    """The vendored code representation description was copied in 16,000-character pages
    (see the README): it parses, every reference resolves, every schema's title is its name,
    and the read, create and update trees (written three times over by Sigma's generator,
    copied by different hands) are the same schema for schema, descriptions included."""
    folder = resources.files("sigmakit.reference")
    name = CODE_REPRESENTATION
    raw = folder.joinpath(name).read_bytes()
    readme = folder.joinpath("README.md").read_text(encoding="utf-8")
    digest = hashlib.sha256(raw).hexdigest()
    assert re.search(rf"`{re.escape(name)}` \|.*\| `{digest}` \|", readme), name
    assert len(raw.decode("utf-8")) == 1_217_923  # the stored copy's length, to the character

    spec = code_representation()
    assert code_representation() is spec  # read once
    schemas = spec["components"]["schemas"]
    assert len(schemas) == 2732
    assert set(spec["paths"]) == {"/v2/dataModels/{dataModelId}/spec", "/v2/dataModels/spec"}
    assert [k for k, v in schemas.items() if v.get("title") != k] == []
    refs = set(re.findall(r"#/components/schemas/([A-Za-z0-9_]+)", raw.decode("utf-8")))
    assert refs - set(schemas) == set()

    def tree(prefix: str) -> dict[str, str]:
        return {
            k[len(prefix) :]: json.dumps(v, sort_keys=True)
            .replace(f"/schemas/{prefix}", "/schemas/X")
            .replace(f'"title": "{prefix}', '"title": "X')
            for k, v in schemas.items()
            if k.startswith(prefix)
        }

    read = tree("DataModelSpec")
    for other in ("CreateDataModelSpec", "UpdateDataModelSpec"):
        written = tree(other)
        assert set(written) == set(read) and len(read) == 910
        # the roots differ (metadata on read, name and folder on create); nothing else does
        assert [k for k in read if read[k] != written[k]] == [""]

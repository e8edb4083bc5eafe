"""sigmakit.workflows.source_map: reading a map file and what it does to a document's
sources (resolving the target's names is tested against a second emulator in
tests/cli/test_code_map_cli.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sigmakit import InputError
from sigmakit.workflows.source_map import load_source_map

DOCUMENT = {
    "name": "Promoted",
    "pages": [
        {
            "id": "p1",
            "name": "Page",
            "elements": [
                {
                    "id": "e1",
                    "kind": "table",
                    "name": "Orders",
                    "source": {
                        "kind": "warehouse-table",
                        "connectionId": "dev-conn",
                        "path": ["DEV", "PUBLIC", "ORDERS"],
                    },
                },
                {
                    "id": "e2",
                    "kind": "table",
                    "name": "Lines",
                    "source": {
                        "kind": "data-model",
                        "dataModelId": "dev-dm",
                        "elementId": "dev-el",
                    },
                },
                {"id": "e3", "kind": "text", "name": "Notes"},
                {
                    "id": "e4",
                    "kind": "table",
                    "name": "Other",
                    "source": {"kind": "sql", "connectionId": "elsewhere", "statement": "select 1"},
                },
            ],
        }
    ],
}


def test_a_map_rewrites_connections_tables_data_models_and_elements(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(
        "connections: {dev-conn: prod-conn}\n"
        "tables: {DEV.PUBLIC.ORDERS: PROD.PUBLIC.ORDERS}\n"
        "dataModels: {dev-dm: prod-dm}\n"
        "elements: {dev-el: prod-el}\n"
    )
    mapped = load_source_map(path).apply(DOCUMENT)
    sources = [e.get("source") for e in mapped["pages"][0]["elements"]]
    assert sources == [
        {
            "kind": "warehouse-table",
            "connectionId": "prod-conn",
            "path": ["PROD", "PUBLIC", "ORDERS"],
        },
        {"kind": "data-model", "dataModelId": "prod-dm", "elementId": "prod-el"},
        None,
        {"kind": "sql", "connectionId": "elsewhere", "statement": "select 1"},  # not in the map
    ]
    # the document given is left as it was
    assert DOCUMENT["pages"][0]["elements"][0]["source"]["connectionId"] == "dev-conn"  # type: ignore[index]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[1, 2]\n", "a map is an object"),
        ("connection: {}\n", "unknown section 'connection'"),
        ("connections: {a: 1}\n", "connections: each entry is 'source: target'"),
        ("tables: {A.B.C: X.Y}\n", "tables.A.B.C: paths are DATABASE.SCHEMA.TABLE"),
        ("connections: [\n", "not valid YAML or JSON at line"),
    ],
)
def test_a_bad_map_is_a_one_line_error(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(text)
    with pytest.raises(InputError, match=words.replace(".", r"\.").replace("[", r"\[")):
        load_source_map(path)


def test_json_maps_are_read_too(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    path.write_text('{"datasets": {"d1": "d2"}, "folders": {"f1": "f2"}}')
    read = load_source_map(path)
    assert (read.datasets, read.folders) == ({"d1": "d2"}, {"f1": "f2"})


def test_paths_rules_rewrite_the_tables_a_mapped_connection_reads(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(
        "connections: {dev-conn: prod-conn}\n"
        "tables: {DEV.PUBLIC.STORES: PROD.SHARED.STORES}\n"
        "paths:\n"
        "  dev-conn:\n"
        "    - {from: [DEV], to: [PROD]}\n"
        "    - {from: [DEV, PUBLIC], to: [PROD, CORE]}\n"
    )
    read = load_source_map(path)

    def table(path: list[str], connection: str = "dev-conn") -> dict[str, object]:
        document = {
            "pages": [
                {
                    "id": "p",
                    "name": "P",
                    "elements": [
                        {
                            "id": "e",
                            "kind": "table",
                            "source": {
                                "kind": "warehouse-table",
                                "connectionId": connection,
                                "path": path,
                            },
                        }
                    ],
                }
            ]
        }
        source = read.apply(document)["pages"][0]["elements"][0]["source"]
        return {"connection": source["connectionId"], "path": source["path"]}

    # the longest matching prefix wins; a shorter one covers the rest of the database
    assert table(["DEV", "PUBLIC", "ORDERS"])["path"] == ["PROD", "CORE", "ORDERS"]
    assert table(["DEV", "STAGING", "RAW"])["path"] == ["PROD", "STAGING", "RAW"]
    # a table the tables section names is mapped as it says, not by the rules
    assert table(["DEV", "PUBLIC", "STORES"])["path"] == ["PROD", "SHARED", "STORES"]
    # a prefix must match whole names, and another connection's tables are left alone
    assert table(["DEVELOPMENT", "PUBLIC", "X"])["path"] == ["DEVELOPMENT", "PUBLIC", "X"]
    assert table(["DEV", "PUBLIC", "ORDERS"], "other") == {
        "connection": "other",
        "path": ["DEV", "PUBLIC", "ORDERS"],
    }


def test_paths_for_a_connection_the_map_does_not_map_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(
        "connections: {dev-conn: prod-conn}\npaths: {dev-con: [{from: [DEV], to: [PROD]}]}\n"
    )
    with pytest.raises(InputError, match=r"paths\.dev-con: no connections entry for 'dev-con'"):
        load_source_map(path)


def test_sources_nested_in_joins_and_controls_are_mapped_too(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(
        "connections: {dev-conn: prod-conn}\n"
        "paths: {dev-conn: [{from: [DEV], to: [PROD]}]}\n"
        "dataModels: {dev-dm: prod-dm}\n"
    )
    table = {"kind": "warehouse-table", "connectionId": "dev-conn", "path": ["DEV", "S", "T"]}
    document = {
        "pages": [
            {
                "id": "p",
                "name": "P",
                "elements": [
                    {
                        "id": "j",
                        "kind": "table",
                        "source": {
                            "kind": "join",
                            "primarySource": dict(table),
                            "joins": [
                                {"left": dict(table), "right": {"kind": "table", "elementId": "x"}}
                            ],
                        },
                    },
                    {
                        "id": "c",
                        "kind": "control",
                        "filters": [{"source": dict(table), "columnId": "A"}],
                        "parameters": [
                            {"kind": "data-model", "dataModelId": "dev-dm", "controlId": "k"}
                        ],
                    },
                ],
            }
        ]
    }
    mapped = load_source_map(path).apply(document)
    join, control = mapped["pages"][0]["elements"]
    moved = {"kind": "warehouse-table", "connectionId": "prod-conn", "path": ["PROD", "S", "T"]}
    assert join["source"]["primarySource"] == moved and join["source"]["joins"][0]["left"] == moved
    assert join["source"]["joins"][0]["right"] == {"kind": "table", "elementId": "x"}
    assert control["filters"][0]["source"] == moved
    # a control's parameter names a data model and a control, no element
    assert control["parameters"] == [
        {"kind": "data-model", "dataModelId": "prod-dm", "controlId": "k"}
    ]

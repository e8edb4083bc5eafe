"""A source map: which connection, table, data model (and its elements), dataset and folder
of one organization stand for which of another, so the same document files apply to another
organization or tenant (``sigmakit code plan|apply --map FILE``) and a promotion swaps its
copy's sources (``sigmakit promote --map FILE``).

The file is YAML or JSON::

    connections: {<source connection id or name>: <target connection id or name>}
    tables: {RETAIL.PUBLIC.ORDERS: PROD.PUBLIC.ORDERS}
    paths:                            # per source connection: path prefixes to rewrite
      Northwind Snowflake:
        - from: [RETAIL, PUBLIC]
          to: [RETAIL_EU, PUBLIC]
    dataModels: {<source data model id>: <target data model id or name>}
    elements: {<source data model element id>: <target element id>}
    datasets: {<source dataset id>: <target dataset id>}
    folders: {<source folder id>: <target folder id>}
    documents: {<source document id>: <target document id>}

Keys are the source organization's (as the files have them); values are the target's,
names resolved there. A table ``tables`` names is mapped as it says; any other table a
mapped connection reads goes through that connection's ``paths`` rules, the longest
matching ``from`` prefix winning. A reference the map leaves out is kept as it is; an unknown section
is refused (a typo would otherwise map nothing), and so is a map that maps nothing.
"""

from __future__ import annotations

import copy
import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import yaml

from .._errors import InputError, NotFoundError
from .._files import read_bounded
from ..types.data_models import load_yaml, yaml_where

if TYPE_CHECKING:
    from .._client import Sigma

__all__ = ["SourceMap", "load_source_map", "mappings", "parse_source_map"]

_SECTIONS = (
    "connections",
    "tables",
    "paths",
    "dataModels",
    "elements",
    "datasets",
    "folders",
    "documents",
)
#: a map file is small: more than this is not one
_LIMIT = 1024 * 1024


@dataclass
class SourceMap:
    connections: dict[str, str] = field(default_factory=dict)
    #: dotted source path -> target path
    tables: dict[str, list[str]] = field(default_factory=dict)
    data_models: dict[str, str] = field(default_factory=dict)
    elements: dict[str, str] = field(default_factory=dict)
    datasets: dict[str, str] = field(default_factory=dict)
    folders: dict[str, str] = field(default_factory=dict)
    documents: dict[str, str] = field(default_factory=dict)
    #: source connection (id or name) -> [(from path prefix, to path prefix)]
    paths: dict[str, list[tuple[list[str], list[str]]]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not any(
            (
                self.connections,
                self.tables,
                self.data_models,
                self.elements,
                self.datasets,
                self.folders,
                self.documents,
            )
        )

    def resolved(self, source: Sigma, target: Sigma | None = None) -> SourceMap:
        """The connections (and their path rules) with names turned into ids: the keys in
        ``source``'s organization, the values in ``target``'s (``None``: the values are taken
        as ids, as for a tenant whose connections the parent cannot read)."""
        ids: dict[str, str] = {}
        paths: dict[str, list[tuple[list[str], list[str]]]] = {}
        for frm, to in self.connections.items():
            frm_id = source.connections.resolve(frm).connection_id
            ids[frm_id] = to if target is None else target.connections.resolve(to).connection_id
            if frm in self.paths:
                paths[frm_id] = self.paths[frm]
        for frm in self.paths:
            if frm not in self.connections:
                raise InputError(f"the map has paths for {frm!r} but no connection for it")
        return dataclasses.replace(self, connections=ids, paths=paths)

    def resolve(self, sigma: Sigma) -> SourceMap:
        """The map with the target's names turned into its ids; a one-line error naming a
        connection or data model the target does not have."""
        connections = {}
        for src, ref in self.connections.items():
            try:
                connections[src] = sigma.connections.resolve(ref).connection_id
            except NotFoundError as exc:
                raise InputError(f"map: connections.{src}: {exc.message}") from None
        models = {m.data_model_id: m for m in sigma.data_models.list()}
        by_name = {m.name.lower(): m.data_model_id for m in models.values()}
        data_models = {}
        for src, ref in self.data_models.items():
            target = ref if ref in models else by_name.get(ref.lower())
            if target is None:
                raise InputError(f"map: dataModels.{src}: no data model {ref!r} in the target")
            data_models[src] = target
        return SourceMap(
            connections,
            dict(self.tables),
            data_models,
            dict(self.elements),
            dict(self.datasets),
            dict(self.folders),
            dict(self.documents),
            dict(self.paths),
        )

    def check_elements(self, sigma: Sigma, document: Mapping[str, Any]) -> None:
        """Each data model element a mapped source reads must exist in the target's data
        model, under the id ``elements`` maps it to, else under the same id."""
        kept: dict[str, set[str]] = {}
        for source in _sources(document):
            model = source.get("dataModelId")
            if source.get("kind") != "data-model" or model not in self.data_models:
                continue
            if "elementId" not in source:
                continue
            element = str(source.get("elementId"))
            mapped = self.elements.get(element)
            target = self.data_models[str(model)]
            if target not in kept:
                spec = sigma.data_models.get_spec(target)
                kept[target] = {
                    str(e.get("id")) for p in spec.get("pages", []) for e in p.get("elements", [])
                }
            if mapped is not None and mapped not in kept[target]:
                raise InputError(
                    f"map: elements.{element}: data model {target} has no element {mapped}"
                )
            if mapped is None and element not in kept[target]:
                raise InputError(
                    f"map: element {element} of data model {model} has no counterpart in "
                    f"data model {target}; add it under elements"
                )

    def check_tables(
        self, sigma: Sigma, mapped: Mapping[str, Any], seen: set[tuple[str, ...]] | None = None
    ) -> None:
        """Each warehouse table ``mapped`` (a document this map has applied) reads must be in
        ``sigma``'s connection, so a path a rule rewrote wrongly stops the run before
        anything is written; a one-line error naming the first one missing. ``seen`` holds
        the tables already found, shared by the calls of one run."""
        seen = set() if seen is None else seen
        for source in _sources(mapped):
            if source.get("kind") != "warehouse-table":
                continue
            connection, path = str(source.get("connectionId")), source.get("path") or []
            if (connection, *map(str, path)) in seen:
                continue
            seen.add((connection, *map(str, path)))
            try:
                sigma.connections.lookup(connection, [str(p) for p in path])
            except NotFoundError:
                raise InputError(
                    f"map: the target's connection {connection} has no table "
                    f"{'.'.join(map(str, path))}; map it under tables or paths"
                ) from None

    def apply(self, document: Mapping[str, Any]) -> dict[str, Any]:
        """A copy of ``document`` reading the target's sources."""
        out = copy.deepcopy(dict(document))
        for source in _sources(out):
            kind = source.get("kind")
            read_from = source.get("connectionId")
            if "connectionId" in source:
                source["connectionId"] = self.connections.get(
                    source["connectionId"], source["connectionId"]
                )
            if kind == "warehouse-table":
                path = [str(p) for p in source.get("path") or []]
                mapped = self.tables.get(".".join(path))
                source["path"] = (
                    list(mapped) if mapped is not None else self.rewritten(str(read_from), path)
                )
            if kind == "data-model" and "dataModelId" in source:
                model = str(source["dataModelId"])
                source["dataModelId"] = self.data_models.get(model, model)
                if "elementId" in source:  # a control's parameter names a control instead
                    element = str(source["elementId"])
                    source["elementId"] = self.elements.get(element, element)
            if kind == "dataset":
                dataset = str(source.get("datasetId"))
                source["datasetId"] = self.datasets.get(dataset, dataset)
        return out

    def rewritten(self, connection: str, path: list[str]) -> list[str]:
        """``path`` (of a table ``connection`` reads) through the connection's ``paths``
        rules: the longest ``from`` prefix it starts with replaced by its ``to``."""
        rules = [
            (frm, to)
            for frm, to in self.paths.get(connection, [])
            if len(frm) <= len(path) and path[: len(frm)] == frm
        ]
        if not rules:
            return path
        frm, to = max(rules, key=lambda rule: len(rule[0]))
        return [*to, *path[len(frm) :]]


def mappings(node: Any) -> list[dict[str, Any]]:
    """Every mapping in ``node``, however nested, depth first in the document's order."""
    found: list[dict[str, Any]] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            found.append(item)
            stack.extend(reversed(item.values()))
        elif isinstance(item, list):
            stack.extend(reversed(item))
    return found


def _sources(document: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every source the document's elements read, however nested: an element's own, a
    join's sides, a union's inputs, a control's filter targets and parameters."""
    elements = [
        {k: v for k, v in e.items() if k != "kind"}
        for p in document.get("pages") or []
        if isinstance(p, dict)
        for e in p.get("elements") or []
        if isinstance(e, dict)
    ]
    return [node for node in mappings(elements) if node.get("kind") in _SOURCE_KINDS]


#: the ``kind`` of a mapping that names something a map may swap
_SOURCE_KINDS = ("warehouse-table", "sql", "data-model", "dataset")


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{where}: each entry is 'source: target', both text")
    return value.strip()


def _path(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not value or len(value) > 3:
        raise InputError(f"{where} must be a list of 1 to 3 names, like [DATABASE, SCHEMA]")
    return [_text(v, where) for v in value]


def parse_source_map(raw: Any, where: str = "the map") -> SourceMap:
    """A map from parsed YAML/JSON; a one-line ``InputError`` naming what is wrong."""
    if not isinstance(raw, dict):
        raise InputError(f"{where}: a map is an object with {', '.join(_SECTIONS)}")
    unknown = sorted(str(k) for k in raw if k not in _SECTIONS)
    if unknown:
        raise InputError(f"{where}: unknown section {unknown[0]!r}; known: {', '.join(_SECTIONS)}")
    sections: dict[str, dict[str, str]] = {}
    for name in _SECTIONS:
        section = raw.get(name) or {}
        if not isinstance(section, dict):
            raise InputError(f"{where}: {name} must be a mapping")
        if name == "paths":
            continue
        sections[name] = {
            _text(k, f"{where}: {name}"): _text(v, f"{where}: {name}") for k, v in section.items()
        }
    tables = {}
    for src, dst in sections["tables"].items():
        parts = dst.split(".")
        if len(parts) != 3 or len(src.split(".")) != 3 or not all(parts):
            raise InputError(f"{where}: tables.{src}: paths are DATABASE.SCHEMA.TABLE")
        tables[src] = parts
    paths: dict[str, list[tuple[list[str], list[str]]]] = {}
    for conn, rules in (raw.get("paths") or {}).items():
        here = f"{where}: paths.{conn}"
        if not isinstance(rules, list):
            raise InputError(f"{here} must be a list of {{from: [...], to: [...]}}")
        pairs = []
        for rule in rules:
            if not isinstance(rule, dict) or set(rule) != {"from", "to"}:
                raise InputError(f"{here} must be a list of {{from: [...], to: [...]}}")
            pairs.append((_path(rule["from"], here), _path(rule["to"], here)))
        paths[_text(conn, here)] = pairs
        if conn not in sections["connections"]:
            raise InputError(
                f"{here}: no connections entry for {conn!r}; paths rewrite the tables a mapped connection reads"
            )
    found = SourceMap(
        sections["connections"],
        tables,
        sections["dataModels"],
        sections["elements"],
        sections["datasets"],
        sections["folders"],
        sections["documents"],
        paths,
    )
    if found.empty:
        raise InputError(f"{where} maps nothing: give connections, tables or dataModels")
    return found


def load_source_map(path: str | os.PathLike[str]) -> SourceMap:
    """The map in ``path`` (YAML or JSON); a one-line ``InputError`` naming what is wrong."""
    try:
        raw = load_yaml(read_bounded(path, limit=_LIMIT).decode("utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read the map: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    except yaml.YAMLError as exc:
        raise InputError(f"{path}: not valid YAML or JSON{yaml_where(exc)}") from None
    return parse_source_map(raw, str(path))

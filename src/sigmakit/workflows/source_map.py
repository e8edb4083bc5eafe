"""A source map: which connection, table path and data model of one organization stands for
which in another (a tenant, another organization, another folder's environment).

The file is YAML or JSON (JSON is YAML), read by ``sigmakit promote --map`` and meant for any
command that moves documents between organizations::

    connections:                      # source connection (id or name) -> target's
      Northwind Snowflake: Retail EU
    paths:                            # per source connection: path prefixes to rewrite
      Northwind Snowflake:
        - from: [RETAIL, PUBLIC]
          to: [RETAIL_EU, PUBLIC]
    dataModels:                       # source data model id -> target's
      af5bc343-...: 0c1d2e3f-...

Unknown keys are refused (a typo would otherwise map nothing).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .._errors import InputError

if TYPE_CHECKING:
    from .._client import Sigma

__all__ = ["SourceMap", "load_source_map", "parse_source_map"]

_KEYS = ("connections", "paths", "dataModels")
#: a map file is small: more than this is not one
_LIMIT = 1024 * 1024


@dataclass(frozen=True)
class SourceMap:
    #: source connection (id or name) -> target connection (id or name)
    connections: dict[str, str] = field(default_factory=dict)
    #: source connection (id or name) -> [(from path prefix, to path prefix)]
    paths: dict[str, list[tuple[list[str], list[str]]]] = field(default_factory=dict)
    #: source data model id -> target data model id
    data_models: dict[str, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.connections and not self.data_models

    def resolved(self, source: Sigma, target: Sigma | None = None) -> SourceMap:
        """The same map with connection names turned into ids: the keys in ``source``'s
        organization, the values in ``target``'s (``None``: the values are taken as ids, as
        for a tenant whose connections the parent cannot read)."""
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
        return SourceMap(ids, paths, dict(self.data_models))


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str | int) or isinstance(value, bool) or not str(value).strip():
        raise InputError(f"{where} must be a name or an id, not {value!r}")
    return str(value).strip()


def _path(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not value or len(value) > 3:
        raise InputError(f"{where} must be a list of 1 to 3 names, like [DATABASE, SCHEMA]")
    return [_text(v, where) for v in value]


def parse_source_map(data: Any, where: str = "the map") -> SourceMap:
    """A map from parsed YAML/JSON; a clear one-line error on anything else."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(f"{where} must be a mapping with {', '.join(_KEYS)}")
    unknown = [k for k in data if k not in _KEYS]
    if unknown:
        raise InputError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(_KEYS)})")
    sections = {k: data.get(k) or {} for k in _KEYS}
    for key, section in sections.items():
        if not isinstance(section, dict):
            raise InputError(f"{where}: {key} must be a mapping")
    connections = {
        _text(k, f"{where}: connections"): _text(v, f"{where}: connections.{k}")
        for k, v in sections["connections"].items()
    }
    paths: dict[str, list[tuple[list[str], list[str]]]] = {}
    for conn, rules in sections["paths"].items():
        here = f"{where}: paths.{conn}"
        if not isinstance(rules, list):
            raise InputError(f"{here} must be a list of {{from: [...], to: [...]}}")
        pairs = []
        for rule in rules:
            if not isinstance(rule, dict) or set(rule) != {"from", "to"}:
                raise InputError(f"{here} must be a list of {{from: [...], to: [...]}}")
            pairs.append((_path(rule["from"], here), _path(rule["to"], here)))
        paths[_text(conn, here)] = pairs
    models = {
        _text(k, f"{where}: dataModels"): _text(v, f"{where}: dataModels.{k}")
        for k, v in sections["dataModels"].items()
    }
    found = SourceMap(connections, paths, models)
    if found.empty:
        raise InputError(f"{where} maps nothing: give connections or dataModels")
    return found


def load_source_map(path: str | os.PathLike[str]) -> SourceMap:
    """Read a map file (YAML or JSON)."""
    import yaml

    from .._files import read_bounded

    try:
        raw = read_bounded(path, limit=_LIMIT)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        data = yaml.safe_load(raw.decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"{path} is not YAML or JSON: {first}") from None
    return parse_source_map(data, str(path))

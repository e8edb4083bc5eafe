"""A document checked against Sigma's code representation description
(``reference/sigma-code-representation-2026-10.yaml``, vendored: see the reference README),
so the emulator takes what Sigma's description takes: tables with their metrics, filters and
relationships, joins, unions and transposes, and every kind of control.

Two things are mended in memory, never in the file:

- the description's ``oneOf``\\ s are read as ``anyOf``: some alternatives overlap (a list
  control with a ``selectionMode`` and no ``value`` matches two of them), which no real
  document could then satisfy;
- below the top level, a key the description does not name is refused (``additionalProperties:
  false``), as the emulator did before it had the description: a misspelt key is more likely a
  typo than a feature (a guess, in ``tests/parity/GUESSES.md``). At the top level, keys the
  description does not name are ignored, as its usage notes say (a GET's metadata put back).

A document that fails gets one 400 naming the first problem by its place:
``Invalid spec: pages[0].elements[1].source.kind: 'element' is not one of 'warehouse-table',
'sql', ...``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..errors import BadRequest

__all__ = ["check_shape", "first_problem", "spec_metadata"]

_URI = "urn:sigma:code-representation"
#: the keys that tell a union's alternatives apart
_DISCRIMINATORS = ("kind", "controlType", "mode", "direction")


def _strict(node: Any, top: bool = False) -> Any:
    if isinstance(node, dict):
        out = {k: _strict(v) for k, v in node.items()}
        if "oneOf" in out:
            out["anyOf"] = out.pop("oneOf")
        if "properties" in out and "additionalProperties" not in out and not top:
            out["additionalProperties"] = False
        return out
    if isinstance(node, list):
        return [_strict(v) for v in node]
    return node


#: the document roots: keys the description does not name are ignored there
_ROOTS = ("DataModelSpec", "CreateDataModelSpec", "UpdateDataModelSpec")


@cache
def _registry() -> Any:
    """The description, mended (see the module's docstring), as a schema registry."""
    from referencing import Registry
    from referencing.jsonschema import DRAFT202012

    from ..._reference import code_representation

    spec = code_representation()
    mended = {k: v for k, v in spec.items() if k != "components"}
    mended["components"] = {
        "schemas": {
            name: _strict(schema, top=name in _ROOTS)
            for name, schema in spec["components"]["schemas"].items()
        }
    }
    return Registry().with_resource(_URI, DRAFT202012.create_resource(mended))


@cache
def _validator(root: str) -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(
        {"$ref": f"{_URI}#/components/schemas/{root}"}, registry=_registry()
    )


def _place(path: Iterable[Any]) -> str:
    where = ""
    for part in path:
        where += f"[{part}]" if isinstance(part, int) else (f".{part}" if where else str(part))
    return where


@dataclass
class _Wrong:
    """A union no alternative of fits by its discriminator: where the discriminator is,
    which (``kind``...) and the values the closest alternatives take."""

    at: tuple[Any, ...]
    key: str
    values: list[Any] = field(default_factory=list)


def _mismatch(subs: list[Any]) -> list[_Wrong] | None:
    """The discriminators an alternative's errors say the document does not match; None
    when they all match (the alternative fits, and its errors are what is wrong)."""
    found: list[_Wrong] = []
    for sub in subs:
        if (
            len(sub.relative_path) == 1
            and sub.relative_path[0] in _DISCRIMINATORS
            and sub.validator in ("enum", "const")
        ):
            values = sub.validator_value if sub.validator == "enum" else [sub.validator_value]
            found.append(_Wrong(tuple(sub.absolute_path)[:-1], sub.relative_path[0], values))
        elif sub.validator in ("anyOf", "oneOf") and not sub.relative_path:
            nested = _resolve(sub)
            if isinstance(nested, _Wrong):
                found.append(nested)
    return found or None


def _resolve(error: Any) -> Any:
    """The error to report inside a union: the fitting alternative's, else a :class:`_Wrong`
    naming the discriminator and the values the closest alternatives take."""
    if error.validator not in ("anyOf", "oneOf") or not error.context:
        return error
    branches: dict[Any, list[Any]] = defaultdict(list)
    for sub in error.context:
        branches[sub.schema_path[0]].append(sub)
    fitting, missed = [], []
    for subs in branches.values():
        mismatch = _mismatch(subs)
        if mismatch is None:
            fitting.append(subs)
        else:
            missed.append(mismatch)
    if fitting:
        return _resolve(_deepest(min(fitting, key=len)))
    # the alternatives that match the most discriminators (kind before controlType...)
    rank = {key: i for i, key in enumerate(_DISCRIMINATORS)}
    closest = max(min(rank[w.key] for w in m) for m in missed)
    out = _Wrong((), _DISCRIMINATORS[closest])
    for m in missed:
        for w in m:
            if w.key == out.key and min(rank[x.key] for x in m) == closest:
                out.at = w.at
                out.values += [v for v in w.values if v not in out.values]
    return out


def _deepest(errors: list[Any]) -> Any:
    from jsonschema.exceptions import relevance

    return max(errors, key=relevance)


def first_problem(body: Any, root: str) -> tuple[str, str] | None:
    """Where and what the first problem of ``body`` against schema ``root`` is (None: it
    fits)."""
    errors = list(_validator(root).iter_errors(body))
    if not errors:
        return None
    error = _deepest(errors)
    found = _resolve(error)
    if isinstance(found, _Wrong):
        instance = body
        for part in found.at:
            instance = instance[part]
        shown = ", ".join(repr(v) for v in found.values)
        return _place([*found.at, found.key]), f"{instance.get(found.key)!r} is not one of {shown}"
    error = found
    where = _place(error.absolute_path)
    if error.validator == "additionalProperties":
        allowed_keys = set((error.schema or {}).get("properties") or ())
        extra = sorted(k for k in error.instance if k not in allowed_keys)
        return _place([*error.absolute_path, extra[0]]), "unknown field"
    if error.validator == "required":
        missing = next(k for k in error.validator_value if k not in (error.instance or {}))
        return _place([*error.absolute_path, missing]), "Field required"
    return where, error.message


def check_shape(body: Any, root: str, noun: str = "spec") -> None:
    """A 400 ``Invalid <noun>: <where>: <what>`` unless ``body`` fits schema ``root`` of
    the description (``CreateDataModelSpec``, ``UpdateDataModelSpec``)."""
    if not isinstance(body, dict):
        raise BadRequest(f"The {noun} must be an object with a pages array")
    found = first_problem(body, root)
    if found is not None:
        where, what = found
        raise BadRequest(f"Invalid {noun}: {where or 'body'}: {what}")


def spec_metadata(
    id_key: str, answer: dict[str, Any], version: int, latest: int, folder_id: str
) -> dict[str, Any]:
    """What a document's code representation says of it beside its pages, as Sigma's
    ``DataModelSpec`` and ``WorkbookSpec`` have it, from the document's own answer
    (``GET /v2/dataModels/{id}``, ``GET /v2/workbooks/{id}``) and ``id_key`` its id's key."""
    meta: dict[str, Any] = {
        id_key: answer[id_key],
        "name": answer["name"],
        "url": answer["url"],
        "documentVersion": version,
        "latestDocumentVersion": latest,
        "ownerId": answer["ownerId"],
        "folderId": folder_id,
        "createdBy": answer["createdBy"],
        "updatedBy": answer["updatedBy"],
        "createdAt": answer["createdAt"],
        "updatedAt": answer["updatedAt"],
    }
    if answer.get("description"):
        meta["description"] = answer["description"]
    return meta

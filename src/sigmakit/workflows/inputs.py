"""Reading the files bulk workflows take: lists of people (and, from :mod:`.emails`,
lists of emails: that module never imports pydantic, this one does).

Everything is checked here, before any request: a bad file is one ``InputError`` that
names the file and the line.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .._email import is_email
from .._errors import InputError
from .emails import control_character, read_emails, unique_emails
from .emails import read_text as _read_text

__all__ = ["PEOPLE_FIELDS", "is_email", "read_emails", "read_people_rows", "unique_emails"]

#: the columns (CSV) or keys (YAML) of a people file
PEOPLE_FIELDS = ("email", "first_name", "last_name", "account_type", "teams", "connections")
_LIST_SPLIT = re.compile(r"[;,|]")


#: the longest text a field of a people file may hold (Sigma's own limits are not published)
MAX_FIELD = 255
#: the largest people file read (bytes)
MAX_FILE = 5_000_000
#: at most this many bad rows are named in the error
SHOWN_ERRORS = 20


class _PersonRow(BaseModel):
    """One person, as a people file must give it: text only, of sensible length."""

    model_config = ConfigDict(
        extra="forbid", strict=True, str_strip_whitespace=True, defer_build=True
    )

    email: str = Field(min_length=3, max_length=254)
    first_name: str = Field(min_length=1, max_length=MAX_FIELD)
    last_name: str = Field(min_length=1, max_length=MAX_FIELD)
    account_type: str = Field(min_length=1, max_length=MAX_FIELD)
    teams: tuple[Annotated[str, Field(min_length=1, max_length=MAX_FIELD)], ...] = ()
    connections: tuple[Annotated[str, Field(min_length=1, max_length=MAX_FIELD)], ...] = ()

    @field_validator("*", mode="before")
    @classmethod
    def _no_controls(cls, value: Any) -> Any:
        """No line break, NUL or other control character in any text (a name with one
        would be stored as it is, and break every list and log that shows it)."""
        for text in value if isinstance(value, list | tuple) else (value,):
            if isinstance(text, str) and (char := control_character(text)) is not None:
                raise ValueError(f"holds a control character ({char})")
        return value

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        if not is_email(value):
            raise ValueError("is not an email address")
        return value


def _split_lists(keys: dict[str, Any]) -> dict[str, Any]:
    """``teams``/``connections`` written as one cell (``Sales;Ops``) become lists; empty
    ones are left out."""
    for key in ("teams", "connections"):
        value = keys.get(key)
        if value is None or value == "":
            keys.pop(key, None)
        elif isinstance(value, str):
            keys[key] = tuple(i.strip() for i in _LIST_SPLIT.split(value) if i.strip())
        elif isinstance(value, list):
            keys[key] = tuple(value)
    return keys


def _describe(error: Mapping[str, Any]) -> str:
    field = ".".join(str(p) for p in error.get("loc", ())) or "row"
    kind = str(error.get("type", ""))
    if kind == "extra_forbidden":
        return f"unknown field {field} (known: {', '.join(PEOPLE_FIELDS)})"
    if kind == "missing":
        return f"{field} is missing"
    if kind in ("string_type", "tuple_type"):
        shown = "text" if kind == "string_type" else "a list of names"
        return f"{field} must be {shown}, not {type(error.get('input')).__name__}"
    if kind == "string_too_long":
        return f"{field} is longer than {error.get('ctx', {}).get('max_length')} characters"
    if kind == "string_too_short":
        return f"{field} is empty" if field != "email" else "email is missing"
    message = str(error.get("msg", "is not valid")).removeprefix("Value error, ")
    return f"{field} {message}"


def _person_row(raw: Mapping[Any, Any], where: str) -> tuple[dict[str, Any] | None, str]:
    """The person in a row, or None and what is wrong with it."""
    keys = {
        str(k).strip().lower(): v
        for k, v in raw.items()
        if k is not None
        and str(k).strip()
        and not (v is None or (isinstance(v, str) and not v.strip()))
    }
    try:
        row = _PersonRow.model_validate(_split_lists(keys))
    except ValidationError as exc:
        return None, f"{where}: " + ", ".join(_describe(e) for e in exc.errors())
    return row.model_dump(), ""


def _safe_loader() -> Any:
    """libyaml's SafeLoader when PyYAML has it: faster, and it stops at 1,000 levels of
    nesting at once, where the pure-Python scanner takes minutes over a few thousand."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _DuplicateKey(Exception):
    def __init__(self, key: object, line: int) -> None:
        super().__init__(key, line)
        self.key, self.line = key, line


def _unique_key_loader() -> type[Any]:
    """yaml's SafeLoader, except that a key given twice in one mapping is an error (SafeLoader
    keeps the last one silently: ``email`` twice in a person would create the second)."""

    class UniqueKeyLoader(_safe_loader()):  # type: ignore[misc]
        def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
            seen: set[Any] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                try:
                    repeated = key in seen
                except TypeError:  # an unhashable key: SafeLoader says so itself
                    break
                if repeated:
                    raise _DuplicateKey(key, key_node.start_mark.line + 1)
                seen.add(key)
            return dict(super().construct_mapping(node, deep=deep))

    return UniqueKeyLoader


def _yaml_rows(path: str | Path, text: str) -> list[tuple[str, Mapping[Any, Any]]]:
    """The people of a YAML file, each with the line it starts on. Aliases are refused: a
    few hundred bytes of them can expand to millions of characters; so is a key given twice
    in one mapping."""
    import yaml

    try:
        loader = _safe_loader()
        if any(isinstance(e, yaml.AliasEvent) for e in yaml.parse(text, Loader=loader)):
            raise InputError(f"{path}: YAML aliases (*name) are not accepted in a people file")
        root = yaml.compose(text, Loader=loader)
        data = yaml.load(text, Loader=_unique_key_loader())
    except _DuplicateKey as exc:
        raise InputError(f"{path}, line {exc.line}: {exc.key!r} is given twice") from None
    except yaml.YAMLError as exc:
        if "maximum nesting depth" in str(exc):  # libyaml's limit
            raise InputError(f"{path}: nested too deeply to be a people file") from None
        raise InputError(f"{path}: not valid YAML ({' '.join(str(exc).split())})") from None
    except RecursionError:
        raise InputError(f"{path}: nested too deeply to be a people file") from None
    if root is None:
        raise InputError(f"{path}: nobody in the file")
    nodes: Any = root
    if isinstance(data, dict) and isinstance(data.get("people"), list):
        data = data["people"]
        nodes = next(v for k, v in root.value if k.value == "people")
    if not isinstance(data, list) or not all(isinstance(p, dict) for p in data):
        raise InputError(f"{path}: expected a list of people (mappings), or people: [...]")
    return [
        (f"{path}, line {node.start_mark.line + 1}", raw)
        for node, raw in zip(nodes.value, data, strict=True)
    ]


def read_people_rows(path: str | Path) -> list[dict[str, Any]]:
    """People from a CSV or YAML file (by extension): one dict per person with the keys of
    :data:`PEOPLE_FIELDS` (``teams`` and ``connections`` as tuples; in a CSV cell they are
    separated by ``;``). Every field is text of at most :data:`MAX_FIELD` characters. All
    bad rows (a missing field, an unknown one, a list where text belongs, a bad email, an
    email listed twice) are named, with their lines, in one ``InputError``."""
    suffix = Path(path).suffix.lower()
    try:
        if Path(path).stat().st_size > MAX_FILE:
            raise InputError(f"{path}: larger than {MAX_FILE // 1_000_000} MB")
    except OSError:
        pass  # _read_text says what is wrong
    text = _read_text(path)
    rows: list[tuple[str, Mapping[Any, Any]]] = []
    if suffix == ".csv":
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames:
            raise InputError(f"{path}: empty file")
        names = [str(n).strip().lower() for n in reader.fieldnames]
        twice = next((n for i, n in enumerate(names) if n and n in names[:i]), None)
        if twice is not None:
            raise InputError(f"{path}, line 1: column {twice!r} is given twice")
        for raw in reader:
            if None in raw:
                raise InputError(f"{path}, line {reader.line_num}: more cells than columns")
            rows.append((f"{path}, line {reader.line_num}", raw))
    elif suffix in (".yaml", ".yml", ".json"):
        rows = _yaml_rows(path, text)
    else:
        raise InputError(f"{path}: a people file is .csv, .yaml or .yml")
    people: list[dict[str, Any]] = []
    problems: list[str] = []
    seen: dict[str, str] = {}
    for where, fields in rows:
        person, problem = _person_row(fields, where)
        if person is None:
            problems.append(problem)
            continue
        key = person["email"].lower()
        if key in seen:
            problems.append(f"{where}: {person['email']} is listed twice (also {seen[key]})")
        seen.setdefault(key, where.rpartition(", ")[2])
        people.append(person)
    if problems:
        shown = "; ".join(p.removeprefix(f"{path}, ") for p in problems[:SHOWN_ERRORS])
        more = f"; and {len(problems) - SHOWN_ERRORS} more" if len(problems) > SHOWN_ERRORS else ""
        count = "1 bad row" if len(problems) == 1 else f"{len(problems)} bad rows"
        raise InputError(f"{path}: {count}, nothing was done: {shown}{more}")
    if not people:
        raise InputError(f"{path}: nobody in the file")
    return people

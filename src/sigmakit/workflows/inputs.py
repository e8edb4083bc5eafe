"""Reading the files bulk workflows take: lists of emails and lists of people.

Everything is checked here, before any request: a bad file is one ``InputError`` that
names the file and the line.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .._errors import InputError

__all__ = ["PEOPLE_FIELDS", "is_email", "read_emails", "read_people_rows", "unique_emails"]

_EMAIL = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$")
#: the columns (CSV) or keys (YAML) of a people file
PEOPLE_FIELDS = ("email", "first_name", "last_name", "account_type", "teams", "connections")
_LIST_SPLIT = re.compile(r"[;,|]")


def is_email(text: str) -> bool:
    return bool(_EMAIL.match(text))


def _read_text(path: str | Path) -> str:
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot be read ({exc})") from None


def unique_emails(emails: Iterable[str]) -> list[str]:
    """The emails stripped, with case-insensitive repeats left out (the first spelling stays)."""
    seen: dict[str, str] = {}
    for email in emails:
        email = email.strip()
        if email:
            seen.setdefault(email.lower(), email)
    return list(seen.values())


def read_emails(path: str | Path) -> list[str]:
    """Emails from a file: comma- or newline-separated (the QuickStart's ``.member-emails``)
    or a CSV with an ``email`` column. Repeats are left out; anything that is not an
    email address is an ``InputError``."""
    text = _read_text(path)
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    header = [cell.strip().lower() for cell in next(csv.reader([first]), [])]
    found: list[tuple[int, str]] = []
    if "email" in header:
        reader = csv.DictReader(io.StringIO(text))
        column = next(f for f in reader.fieldnames or [] if f.strip().lower() == "email")
        for row in reader:
            found.append((reader.line_num, (row.get(column) or "").strip()))
    else:
        for number, line in enumerate(lines, start=1):
            found.extend((number, cell.strip()) for cell in line.split(","))
    found = [(n, e) for n, e in found if e]
    for number, email in found:
        if not is_email(email):
            raise InputError(f"{path}, line {number}: {email!r} is not an email address")
    if not found:
        raise InputError(f"{path}: no email addresses in the file")
    return unique_emails(e for _, e in found)


def _as_list(value: Any, where: str, key: str) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        items = _LIST_SPLIT.split(value)
    elif isinstance(value, list) and all(isinstance(v, str | int) for v in value):
        items = [str(v) for v in value]
    else:
        raise InputError(f"{where}: {key} must be a list of names or ids")
    return tuple(i.strip() for i in items if i.strip())


def _person_row(raw: Mapping[Any, Any], where: str) -> dict[str, Any]:
    keys = {str(k).strip().lower(): v for k, v in raw.items() if k is not None}
    unknown = sorted(k for k in keys if k not in PEOPLE_FIELDS and k)
    if unknown:
        raise InputError(
            f"{where}: unknown field {', '.join(unknown)} (known: {', '.join(PEOPLE_FIELDS)})"
        )
    row: dict[str, Any] = {}
    for key in ("email", "first_name", "last_name", "account_type"):
        value = keys.get(key)
        text = "" if value is None else str(value).strip()
        if not text:
            raise InputError(f"{where}: {key} is missing")
        row[key] = text
    if not is_email(row["email"]):
        raise InputError(f"{where}: {row['email']!r} is not an email address")
    row["teams"] = _as_list(keys.get("teams"), where, "teams")
    row["connections"] = _as_list(keys.get("connections"), where, "connections")
    return row


def read_people_rows(path: str | Path) -> list[dict[str, Any]]:
    """People from a CSV or YAML file (by extension): one dict per person with the keys of
    :data:`PEOPLE_FIELDS` (``teams`` and ``connections`` as tuples; in a CSV cell they are
    separated by ``;``). A missing field, an unknown one, a bad email or an email listed
    twice is an ``InputError``."""
    suffix = Path(path).suffix.lower()
    text = _read_text(path)
    rows: list[tuple[str, Mapping[Any, Any]]] = []
    if suffix == ".csv":
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames:
            raise InputError(f"{path}: empty file")
        for raw in reader:
            if None in raw:
                raise InputError(f"{path}, line {reader.line_num}: more cells than columns")
            rows.append((f"{path}, line {reader.line_num}", raw))
    elif suffix in (".yaml", ".yml", ".json"):
        import yaml

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise InputError(f"{path}: not valid YAML ({' '.join(str(exc).split())})") from None
        if isinstance(data, dict) and isinstance(data.get("people"), list):
            data = data["people"]
        if not isinstance(data, list) or not all(isinstance(p, dict) for p in data):
            raise InputError(f"{path}: expected a list of people (mappings), or people: [...]")
        rows = [(f"{path}, person {n}", raw) for n, raw in enumerate(data, start=1)]
    else:
        raise InputError(f"{path}: a people file is .csv, .yaml or .yml")
    people = [_person_row(raw, where) for where, raw in rows]
    if not people:
        raise InputError(f"{path}: nobody in the file")
    seen: dict[str, int] = {}
    for number, person in enumerate(people, start=1):
        key = person["email"].lower()
        if key in seen:
            raise InputError(
                f"{path}: {person['email']} is listed twice (people {seen[key]} and {number})"
            )
        seen[key] = number
    return people

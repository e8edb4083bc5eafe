"""Reading the lists of emails bulk commands take (``teams bulk-assign``, ``members
deactivate --emails``...).

Apart from the people files of :mod:`.inputs` (checked with a pydantic model), so that a
command that only reads emails never imports pydantic. A bad file is one ``InputError``
that names the file and the line, before any request.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from .._email import is_email
from .._errors import InputError

__all__ = ["control_character", "is_email", "read_emails", "read_text", "unique_emails"]

#: Unicode categories refused in names and emails: C0 and C1 controls (NUL, line feed,
#: carriage return, tab, escape, NEL...) and the line and paragraph separators
_CONTROL_CATEGORIES = ("Cc", "Zl", "Zp")


def control_character(text: str) -> str | None:
    """The first control character or line break in ``text`` (as ``U+000A``), or None."""
    for char in text:
        if unicodedata.category(char) in _CONTROL_CATEGORIES:
            return f"U+{ord(char):04X}"
    return None


def read_text(path: str | Path) -> str:
    """A file's text (UTF-8, a byte-order mark dropped; at most 10 MiB), or an
    ``InputError`` saying why not."""
    from .._files import read_bounded

    try:
        return read_bounded(path).decode("utf-8-sig")
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
    text = read_text(path)
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
        if (char := control_character(email)) is not None:
            raise InputError(f"{path}, line {number}: {email!r} holds a control character ({char})")
        if not is_email(email):
            raise InputError(f"{path}, line {number}: {email!r} is not an email address")
    if not found:
        raise InputError(f"{path}: no email addresses in the file")
    return unique_emails(e for _, e in found)

"""``sigmakit api -f/-F key=value``: fields as a JSON body or as query parameters
(``key[sub]=``, ``key[]=``, ``@file`` and ``@-`` as gh reads them)."""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping, Sequence
from typing import Any

_NUMBER = re.compile(r"^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$")
_KEY = re.compile(r"^([^\[\]]+)((?:\[[^\[\]]*\])*)$")


class Stdin:
    """stdin, to be read at most once (by --input - or one -F key=@-)."""

    def __init__(self) -> None:
        self.used_by: str | None = None

    def read(self, who: str) -> str:
        from ..._errors import InputError
        from ..._files import MAX_INPUT_BYTES

        if self.used_by is not None:
            raise InputError(f"{who} and {self.used_by} can't both read stdin")
        self.used_by = who
        text = sys.stdin.read(MAX_INPUT_BYTES + 1)
        if len(text) > MAX_INPUT_BYTES:
            raise InputError(f"{who}: stdin holds more than 10 MiB; sigmakit reads at most that")
        return text


def read_source(source: str, who: str, stdin: Stdin) -> str:
    from ..._errors import InputError
    from ..._files import read_bounded

    if source == "-":
        return stdin.read(who)
    try:
        return read_bounded(source).decode("utf-8")
    except InputError as exc:
        raise InputError(f"{who}: {exc}") from None
    except OSError as exc:
        raise InputError(f"{who}: cannot read {source}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise InputError(f"{who}: {source} is not UTF-8 text") from None


def field_value(text: str, *, typed: bool, who: str, stdin: Stdin | None = None) -> Any:
    """A field's value: ``-f`` keeps the text; ``-F`` (``typed``) turns true, false, null and
    numbers into JSON's, and reads ``@FILE`` (``@-``: stdin) as text, as ``gh api -F`` does."""
    if not typed:
        return text
    if text in ("true", "false"):
        return text == "true"
    if text == "null":
        return None
    if _NUMBER.match(text):
        return float(text) if any(c in text for c in ".eE") else int(text)
    if text.startswith("@"):
        return read_source(text[1:], who, stdin or Stdin())
    return text


def _put(root: dict[str, Any], keys: list[str], value: Any, field: str) -> None:
    """``a[b][]=v`` -> ``{"a": {"b": [v]}}``: ``[name]`` goes into an object, a final ``[]``
    appends to an array."""
    from ..._errors import InputError

    node = root
    for i, key in enumerate(keys[:-1]):
        if key == "":
            raise InputError(f"field {field!r}: '[]' may only end a name")
        if keys[i + 1] == "":
            if i + 2 != len(keys):
                raise InputError(f"field {field!r}: '[]' may only end a name")
            items = node.setdefault(key, [])
            if not isinstance(items, list):
                raise InputError(f"field {field!r}: {key!r} is also given as a value or object")
            items.append(value)
            return
        child = node.setdefault(key, {})
        if not isinstance(child, dict):
            raise InputError(f"field {field!r}: {key!r} is also given as a value or array")
        node = child
    if keys[-1] in node:
        raise InputError(f"field {field!r} is given twice")
    node[keys[-1]] = value


def parse_fields(
    strings: Sequence[str], typed: Sequence[str], *, stdin: Stdin | None = None
) -> dict[str, Any]:
    """``-f key=value`` (text) and ``-F key=value`` (typed) as one JSON object; ``key`` may
    be ``a[b]`` (an object) or ``a[]`` (an array)."""
    from ..._errors import InputError

    stdin = stdin or Stdin()
    out: dict[str, Any] = {}
    for flag, items in (("-f", strings), ("-F", typed)):
        for item in items:
            name, sep, raw = item.partition("=")
            found = _KEY.match(name)
            if not sep or found is None:
                raise InputError(f"{flag} {item!r}: a field is key=value")
            keys = [found.group(1), *re.findall(r"\[([^\[\]]*)\]", found.group(2))]
            value = field_value(raw, typed=flag == "-F", who=f"{flag} {name}", stdin=stdin)
            _put(out, keys, value, name)
    return out


def query_params(fields: Mapping[str, Any]) -> dict[str, str | list[str] | None]:
    """Fields as query parameters: arrays repeat the name, null leaves it out."""
    from ..._errors import InputError

    def text(value: Any) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, dict | list):
            raise InputError("a query parameter can't be an object or a nested array")
        return str(value)

    out: dict[str, str | list[str] | None] = {}
    for key, value in fields.items():
        if isinstance(value, dict):
            raise InputError(f"query parameter {key!r} can't be an object")
        out[key] = (
            [text(v) for v in value]
            if isinstance(value, list)
            else None
            if value is None
            else text(value)
        )
    return out

"""The one place that turns an API answer into a snapshot both the emulator and a real
organization can be held to.

A snapshot keeps the *shape* Sigma's documentation promises, not one organization's data:

- values that differ per organization or per call are masked by what they are:
  ``<member-id>`` (29 alphanumerics), ``<uuid>``, ``<url-id>`` (22 base62), ``<timestamp>``
  (ISO 8601 UTC with milliseconds), ``<request-id>``, ``<token>``, ``<offset>`` (a ``nextPage``
  that is a stringified offset) or ``<cursor>`` (one that is not);
- other strings become ``<str>`` and numbers ``<int>``/``<number>``, unless their key is one
  whose values are part of the API's vocabulary (``code``, ``type``, ``permission``...) or a
  scenario names it (``keep=``, e.g. an error ``message`` the notes quote): those are kept,
  with any id inside masked, since a different value there is a real difference;
- booleans and ``null`` are kept;
- a list becomes the merged shape of its entries (every key any entry has; a key with several
  shapes gets them joined by ``|``), so the snapshot does not depend on how many entries an
  organization has. Inside a list even vocabulary is masked (``"userKind": "<str>"``): which
  values a page happens to hold is the organization's data, not the API's shape; scenarios
  check list vocabulary with assertions instead.
"""

from __future__ import annotations

import re
from typing import Any

#: keys whose string values are vocabulary, kept verbatim
VERBATIM = frozenset(
    {
        "code",
        "token_type",
        "type",
        "permission",
        "status",
        "userKind",
        "format",
        "vizualizationType",
    }
)

#: keys whose values are secrets or per-request noise, whatever they look like
MASKED_KEYS = {
    "access_token": "<token>",
    "refresh_token": "<token>",
    "requestId": "<request-id>",
}

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("<uuid>", re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")),
    ("<timestamp>", re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z")),
    ("<member-id>", re.compile(r"[A-Za-z0-9]{29}")),
    ("<url-id>", re.compile(r"[A-Za-z0-9]{22}")),
)

#: inside free text (error messages), ids are masked but the words are kept
_INLINE = (
    ("<uuid>", re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")),
    ("<member-id>", re.compile(r"\b[A-Za-z0-9]{29}\b")),
)


def mask_text(text: str) -> str:
    """Ids inside a message (``member-id=<id>``) masked, the words kept."""
    for label, pattern in _INLINE:
        text = pattern.sub(label, text)
    return text


def _scalar(key: str | None, value: Any, keep: frozenset[str], in_list: bool) -> Any:
    if value is None or isinstance(value, bool):
        return value
    if key in MASKED_KEYS:
        return MASKED_KEYS[key]
    if key == "nextPage" or key == "nextPageToken":
        return "<offset>" if str(value).isdigit() else "<cursor>"
    if isinstance(value, str):
        for label, pattern in _PATTERNS:
            if pattern.fullmatch(value):
                return label
        if (key in VERBATIM or key in keep) and not in_list:
            return mask_text(value)
        return "<str>"
    if isinstance(value, int):
        return value if key in keep and not in_list else "<int>"
    if isinstance(value, float):
        return "<number>"
    return f"<{type(value).__name__}>"


def shape(
    value: Any, key: str | None = None, keep: frozenset[str] = frozenset(), in_list: bool = False
) -> Any:
    """The normalized form of one JSON value (see the module's docstring)."""
    if isinstance(value, dict):
        return {k: shape(v, k, keep, in_list) for k, v in sorted(value.items())}
    if isinstance(value, list):
        return _merge_list([shape(v, key, keep, True) for v in value])
    return _scalar(key, value, keep, in_list)


def _merge_list(items: list[Any]) -> list[Any]:
    if not items:
        return []
    dicts = [i for i in items if isinstance(i, dict)]
    others = [i for i in items if not isinstance(i, dict)]
    merged: list[Any] = []
    if dicts:
        merged.append(_merge_dicts(dicts))
    seen: list[Any] = []
    for item in others:
        if item not in seen:
            seen.append(item)
    merged += sorted(seen, key=repr)
    return merged


def _merge_dicts(dicts: list[dict[str, Any]]) -> dict[str, Any]:
    keys = sorted({k for d in dicts for k in d})
    out: dict[str, Any] = {}
    for k in keys:
        out[k] = _merge_values([d[k] for d in dicts if k in d])
    return out


def _merge_values(values: list[Any]) -> Any:
    if all(isinstance(v, dict) for v in values):
        return _merge_dicts(values)
    if all(isinstance(v, list) for v in values):
        return _merge_list([item for v in values for item in v])
    distinct: list[Any] = []
    for v in values:
        if v not in distinct:
            distinct.append(v)
    if len(distinct) == 1:
        return distinct[0]
    return "|".join(sorted("null" if v is None else str(v) for v in distinct))

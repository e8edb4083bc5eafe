"""Raw calls to any operation of Sigma's API, checked against the description bundled with
sigmakit (2026-08) before anything is sent.

What the check takes as known:

- **Path**: the description's path templates, matched segment by segment. A literal segment
  must be equal (case matters, as on the wire); a template's ``{placeholder}`` takes any
  one segment, a concrete id or a ``{name}`` of the caller's own, and a mixed segment
  (``{dataModelId}:materialize``) its literal part around one. Where two templates match,
  only the more specific at the first segment where they differ counts (``/v2/workbooks/tag``
  is that path, never a workbook id, whatever the method). A trailing ``/`` is ignored in
  matching; the path is sent with or without it as the description writes it.
- **Version prefix**: a path whose first segment is not a version (``v2``, ``v2.1``,
  ``v3alpha``...) gets ``/v2`` in front, the version of nearly every operation; if only
  another version has it, that one. The base URL of the settings is the host alone.
- **Method**: one the matched path has in the description.
- **Query parameters**: the ``in: query`` parameters of that operation, by exact name.
  Request bodies are sent as given (Sigma checks them).

Anything else is an :class:`~sigmakit.UnknownOperationError` naming the closest operations,
and nothing is sent. ``check=False`` skips the check (operations newer than the bundle).
The token endpoint is refused either way: the client fetches tokens itself, and a raw call
to it would put the client secret in a body (or on a command line).
The description is read and indexed once, on the first checked call, never on import.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import parse_qsl, unquote, urlsplit

from ._catalog import (
    DESCRIPTION,
    Catalog,
    Operation,
    bundled_catalog,
    catalog,
    path_segments,
)
from ._errors import InputError, UnknownOperationError
from ._suggest import listing, suggestion

__all__ = [
    "DESCRIPTION",
    "Catalog",
    "Operation",
    "PreparedCall",
    "bundled_catalog",
    "catalog",
    "fill",
    "paging",
    "prepare",
]

#: the version most operations live under, put in front of a path that names none
DEFAULT_PREFIX = "/v2"
#: a first path segment that names an API version: v2, v2.1, v3alpha...
_VERSION = re.compile(r"^v\d+(\.\d+)?[a-z]*\d*$")
_PLACEHOLDER = re.compile(r"\{([^{}/]*)\}")
_METHOD = re.compile(r"^[A-Z]+$")
#: the last two segments of the token endpoint's path, whatever its version
_TOKEN_TAIL = ["auth", "token"]
_NO_TOKEN = (
    "the token endpoint is not for raw calls; sigma.token() (sigmakit auth token) "
    "gives the token, and every call gets one as it needs"
)


def _routed(path: str) -> list[str]:
    """The segments a server may route ``path`` to, lower case: every escape decoded (again
    and again: ``%2574`` too), ``\\`` as ``/``, ``;params`` dropped, empty and ``.``
    segments left out and ``..`` resolved. Stricter than any one server, on purpose."""
    text = path
    while (decoded := unquote(text)) != text:
        text = decoded
    segments: list[str] = []
    for segment in text.replace("\\", "/").split("/"):
        segment = segment.split(";", 1)[0].strip().lower()
        if segment in ("", "."):
            continue
        if segment == "..":
            if segments:
                segments.pop()
            continue
        segments.append(segment)
    return segments


def _refuse_token_endpoint(path: str) -> None:
    """:class:`InputError` if ``path``, however it is spelled, may reach ``/v2/auth/token``:
    credentials would travel in a body or on a command line, and the answer is a token."""
    if _routed(path)[-2:] == _TOKEN_TAIL:
        raise InputError(_NO_TOKEN)


def _refuse_dotsegments(path: str) -> None:
    """A ``.`` or ``..`` segment (escaped or not) is resolved by the HTTP client or the
    server, so what was checked would not be what is sent."""
    for segment in path.split("/"):
        if unquote(segment) in (".", ".."):
            raise InputError(f"{path!r} has a '.' or '..' segment; give the path it stands for")


@dataclass(frozen=True)
class PreparedCall:
    """What to send: the method, the path with its placeholders filled, the query, and the
    operation it was checked against (``None`` unchecked)."""

    method: str
    url: str
    params: dict[str, Any]
    operation: Operation | None


def _relative(path: str, base_url: str) -> tuple[str, bool, str]:
    """``(path, whether it ends in /, query string)`` of what the caller wrote, relative to
    the API host. A full URL is taken only on the configured host: the token must never go
    anywhere else."""
    text = path.strip()
    if "://" in text:
        base = base_url.rstrip("/")
        if text != base and not text.startswith(base + "/"):
            from ._request import shown_url

            raise InputError(
                f"{shown_url(text)!r} is not on the API host {shown_url(base)}; "
                "give a path like /v2/members"
            )
        text = text[len(base) :]
    parts = urlsplit(text)
    if parts.fragment:
        raise InputError(f"a path has no '#' part: {path!r}")
    raw = parts.path
    if not raw.strip("/"):
        raise InputError("the path is empty; give one like /v2/members")
    if "//" in raw.strip("/"):
        raise InputError(f"{path!r} has an empty segment ('//')")
    return "/" + raw.strip("/"), raw.endswith("/"), parts.query


def _versioned(path: str, known: Sequence[str], fits: Callable[[str], object] | None) -> str:
    """``/members`` -> ``/v2/members``; a path that names a version is left as it is."""
    if _VERSION.match(path_segments(path)[0]):
        return path
    if fits is not None:
        for prefix in known:  # /v2 first
            if fits(prefix + path):
                return prefix + path
    return DEFAULT_PREFIX + path


def _merge_query(query: str, params: Mapping[str, Any] | None) -> dict[str, Any]:
    """The query written in the path, then ``params`` (which win on a name given in both)."""
    merged: dict[str, Any] = {}
    for key, value in parse_qsl(query, keep_blank_values=True):
        old = merged.get(key)
        merged[key] = value if old is None else [*(old if isinstance(old, list) else [old]), value]
    merged.update(params or {})
    return merged


def fill(template: str, path_params: Mapping[str, Any] | None) -> str:
    """``/v2/members/{memberId}`` with ``{"memberId": "a/b"}`` -> ``/v2/members/a%2Fb``:
    every value URL-quoted by :func:`sigmakit._http.path`, so a value can't change the route."""
    from ._request import path as quoted

    given = dict(path_params or {})
    names = _PLACEHOLDER.findall(template)
    missing = [n for n in names if n not in given]
    if missing:
        listed = ", ".join("{" + n + "}" for n in missing)
        raise InputError(f"no value given for {listed} in {template}")
    empty = [n for n in names if given[n] is None or str(given[n]) == ""]
    if empty:
        raise InputError(f"the value for {{{empty[0]}}} is empty")
    unused = sorted(set(given) - set(names))
    if unused:
        raise InputError(
            f"path parameter {unused[0]!r} is not in {template}"
            + (f" (its placeholders: {', '.join(names)})" if names else " (it has no placeholders)")
        )
    skeleton = _PLACEHOLDER.sub("\x00", template)
    if "{" in skeleton or "}" in skeleton:
        raise InputError(f"unbalanced '{{' or '}}' in {template!r}")
    return quoted(skeleton.replace("\x00", "{}"), *(str(given[n]) for n in names))


def prepare(
    method: str,
    path: str,
    *,
    params: Mapping[str, Any] | None = None,
    path_params: Mapping[str, Any] | None = None,
    base_url: str = "",
    check: bool = True,
) -> PreparedCall:
    """Check ``method path params`` against the description (unless ``check`` is False) and
    give what to send. Raises :class:`InputError` (or its :class:`UnknownOperationError`)
    before anything is sent."""
    verb = method.strip().upper()
    if not _METHOD.match(verb):
        raise InputError(f"{method!r} is not an HTTP method")
    relative, slash, query = _relative(path, base_url)
    _refuse_token_endpoint(relative)
    _refuse_dotsegments(relative)
    merged = _merge_query(query, params)
    if not check:
        url = _versioned(relative, (DEFAULT_PREFIX,), None) + ("/" if slash else "")
        filled = fill(url, path_params)
        _refuse_token_endpoint(filled)  # a -p value may spell it too
        return PreparedCall(verb, filled, merged, None)
    index = catalog()
    template_path = _versioned(relative, index.prefixes, index.match)
    shown = f"{verb} {template_path}"
    templates = index.match(template_path)
    if not templates:
        closest = index.closest(verb, template_path)
        raise UnknownOperationError(
            f"{shown} is not in Sigma's API description ({index.label}); "
            f"closest: {', '.join(closest)}",
            method=verb,
            path=template_path,
            closest=closest,
        )
    operation = next((index.by_path[t][verb] for t in templates if verb in index.by_path[t]), None)
    if operation is None:
        template = templates[0]
        methods = tuple(index.by_path[template])
        closest = tuple(f"{m} {template}" for m in methods)
        raise UnknownOperationError(
            f"{shown}: {template} has no {verb} in Sigma's API description ({index.label}), "
            f"only {', '.join(closest)}",
            method=verb,
            path=template_path,
            closest=closest,
        )
    unknown = [name for name in merged if name not in operation.query]
    if unknown:
        name = unknown[0]
        takes = (
            f"it takes {listing(operation.query, limit=20)}" if operation.query else "it takes none"
        )
        raise UnknownOperationError(
            f"{operation} has no query parameter {name!r}"
            f"{suggestion(name, operation.query, aside=True)}; {takes}",
            method=verb,
            path=template_path,
            closest=(str(operation),),
        )
    # sent as the description writes it: a few of its paths end in "/"
    sent = fill(template_path + ("/" if operation.path.endswith("/") else ""), path_params)
    _refuse_token_endpoint(sent)
    return PreparedCall(verb, sent, merged, operation)


def paging(
    call: PreparedCall,
) -> tuple[Literal["page", "token"], int | None, dict[str, Any]]:
    """For walking every page of ``call`` (a GET): the cursor style, the page size and the
    other query parameters. The style is the operation's (``pageToken`` in its parameters:
    token, else page); unchecked, the caller's ``pageSize`` says token. The page size is the
    caller's ``limit``/``pageSize`` if given, else the largest Sigma takes (1,000) for
    ``limit`` pages of a known operation, else the server's default. A ``page`` or
    ``pageToken`` given is where the walk starts."""
    from ._paging import MAX_PAGE_SIZE

    if call.method != "GET":
        raise InputError(f"only GET lists can be paged through, not {call.method}")
    op = call.operation
    if op is not None and op.paging is None:
        raise InputError(
            f"{op} is not a paged list (it takes no page or pageToken); request it without paging"
        )
    style: Literal["page", "token"] = (
        op.paging
        if op is not None and op.paging is not None
        else "token"
        if "pageSize" in call.params or "pageToken" in call.params
        else "page"
    )
    params = dict(call.params)
    size_name = "pageSize" if style == "token" else "limit"
    given = params.pop(size_name, None)
    size: int | None
    if given is None:
        size = MAX_PAGE_SIZE if style == "page" and op is not None else None
    else:
        try:
            size = int(str(given))
        except ValueError:
            raise InputError(f"{size_name} must be a whole number, not {given!r}") from None
        if not 1 <= size <= MAX_PAGE_SIZE:
            raise InputError(f"{size_name} must be between 1 and {MAX_PAGE_SIZE}, not {size}")
    return style, size, params

"""Who may use the control plane (everything under ``/__emulator``: reset, faults, clock,
jobs, docs, the console).

The one rule, checked in one place (:func:`control_refusal`) for every ``/__emulator``
request by the emulator's middleware, and offered as a FastAPI dependency
(:func:`require_control`) for routers that want it spelled out:

- a client on loopback (``127.0.0.1``, ``::1``) is the emulator's owner: let in;
- any other client must send the control token, as ``X-Emulator-Control-Token: <token>``
  or ``Authorization: Bearer <token>``, or a ``sigmakit_control`` cookie (for a browser);
- with no control token set, other clients are refused.

Two console paths are open to anyone, since a browser elsewhere needs them before it has the
cookie: the sign-in page (:data:`SIGN_IN_PATH`, which checks the token itself and sets the
cookie) and the console's static CSS and JavaScript.

``sigmakit emulator serve --host 0.0.0.0`` makes a token (or takes
``SIGMAKIT_EMULATOR_CONTROL_TOKEN``) and prints it.

Two more rules keep a web page the owner happens to visit from driving the emulator through
the owner's own browser (which is on loopback, so the rule above lets it in):

- :func:`host_refusal`, for every request: the ``Host`` header must name this server (the
  address the client reached, a loopback name or address, or ``0.0.0.0``/``::``, each with
  the server's port) or be one of the names configured in ``EmulatorConfig.allowed_hosts``
  (``--allowed-host``); a page on a name the attacker controls, re-pointed at 127.0.0.1
  (DNS rebinding), is refused.
- :func:`cross_site_refusal`, for every control-plane write (POST, PUT, PATCH, DELETE under
  ``/__emulator``): an ``Origin`` other than the server's own, or ``Sec-Fetch-Site:
  cross-site``/``same-site``, is refused, and so is a body that is not JSON
  (``Content-Type: application/json``, even for an empty body): a page elsewhere can send a
  form or a ``no-cors`` fetch, but not a JSON one without the browser asking first. The
  console's own forms (under ``/__emulator/console``) may also send
  ``application/x-www-form-urlencoded``; they come from the console's own origin.

Forwarded addresses (``X-Forwarded-For``, ``Forwarded``) are never read: the servers in
``server.py`` tell uvicorn not to rewrite the client's address from them.
"""

from __future__ import annotations

import functools
import hmac
import ipaddress
import re
from collections.abc import Collection, Iterable
from urllib.parse import urlsplit

from fastapi import Request

from .errors import Forbidden

__all__ = [
    "CONTROL_COOKIE",
    "CONTROL_HEADER",
    "CONTROL_PREFIX",
    "SIGN_IN_PATH",
    "control_refusal",
    "cross_site_refusal",
    "host_refusal",
    "is_loopback",
    "is_token",
    "needs_control",
    "parse_host",
    "require_control",
]

CONTROL_PREFIX = "/__emulator"
CONTROL_HEADER = "x-emulator-control-token"
CONTROL_COOKIE = "sigmakit_control"
SIGN_IN_PATH = CONTROL_PREFIX + "/console/sign-in"
_OPEN_PREFIX = CONTROL_PREFIX + "/console/static/"


def needs_control(path: str) -> bool:
    """Whether a request path is the control plane's (all of ``/__emulator`` but the
    console's sign-in page and static files)."""
    if not path.startswith(CONTROL_PREFIX):
        return False
    return path != SIGN_IN_PATH and not path.startswith(_OPEN_PREFIX)


def is_token(offered: str, token: str) -> bool:
    """``offered`` is the control token (compared in constant time; no token set: never)."""
    return bool(token) and hmac.compare_digest(offered.encode(), token.encode())


def is_loopback(host: str | None) -> bool:
    """Whether an address (or ``localhost``) is this machine."""
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _offered(headers: Iterable[tuple[bytes, bytes]]) -> list[str]:
    """Every control token the request carries (header, bearer, cookie)."""
    found: list[str] = []
    for raw_name, raw_value in headers:
        name, value = raw_name.decode("latin-1").lower(), raw_value.decode("latin-1")
        if name == CONTROL_HEADER:
            found.append(value.strip())
        elif name == "authorization":
            scheme, _, token = value.partition(" ")
            if scheme.lower() == "bearer":
                found.append(token.strip())
        elif name == "cookie":
            for part in value.split(";"):
                key, _, token = part.strip().partition("=")
                if key == CONTROL_COOKIE:
                    found.append(token.strip())
    return found


def control_refusal(
    client_host: str | None, headers: Iterable[tuple[bytes, bytes]], token: str
) -> str | None:
    """Why this request may not use the control plane, or None if it may."""
    if is_loopback(client_host):
        return None
    if not token:
        return "The control plane answers only on this machine (loopback)"
    if any(is_token(offered, token) for offered in _offered(headers)):
        return None
    return (
        "The control plane needs the control token (X-Emulator-Control-Token; "
        f"in a browser, sign in at {SIGN_IN_PATH})"
    )


async def require_control(request: Request) -> None:
    """A FastAPI dependency: 403 unless :func:`control_refusal` lets the request in."""
    client = request.client.host if request.client else None
    token = request.app.state.emulator.config.control_token
    refusal = control_refusal(client, request.scope["headers"], token)
    if refusal is not None:
        raise Forbidden(refusal)


_WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_CONSOLE_PREFIX = CONTROL_PREFIX + "/console/"
_JSON = "application/json"
_FORM = "application/x-www-form-urlencoded"
#: names of this machine that no web page can take over (loopback, the unspecified address)
_LOCAL_NAMES = frozenset({"localhost", "0.0.0.0", "::"})
#: what a host name or address may be made of (``::1`` once out of its brackets)
_HOST_NAME = re.compile(r"[a-z0-9._:-]+")


def _header(headers: Iterable[tuple[bytes, bytes]], wanted: bytes) -> str | None:
    for name, value in headers:
        if name.lower() == wanted:
            return value.decode("latin-1")
    return None


def parse_host(value: str) -> tuple[str, int | None] | None:
    """``("name", port)`` of a ``Host`` value (``[::1]:8000``, ``localhost``), lower-cased;
    None if it is not one."""
    try:
        parts = urlsplit("//" + value.strip())
        name, port = parts.hostname, parts.port
    except ValueError:  # a port out of range or not a number
        return None
    if not name or parts.path or parts.query or parts.fragment or parts.username is not None:
        return None
    name = name.lower()
    return (name, port) if _HOST_NAME.fullmatch(name) else None


def _is_local_name(name: str, server_name: str | None) -> bool:
    if name in _LOCAL_NAMES or is_loopback(name) or name == server_name:
        return True
    try:
        return ipaddress.ip_address(name).is_unspecified
    except ValueError:
        return False


def host_refusal(
    host: str | None, server: tuple[str, int | None] | None, allowed: Collection[str] = ()
) -> str | None:
    """Why a request's ``Host`` does not name this server, or None if it does.

    ``server`` is the address the client reached (the ASGI scope's ``server``); ``allowed``
    the configured names (``name`` for any port, or ``name:port``). Answers are kept for
    the last few hundred different questions: a client sends the same Host every time, and
    parsing it took 13 us of each request."""
    return _host_refusal(host, tuple(server) if server else None, tuple(allowed))


@functools.lru_cache(maxsize=512)
def _host_refusal(
    host: str | None, server: tuple[str, int | None] | None, allowed: tuple[str, ...]
) -> str | None:
    got = parse_host(host) if host else None
    if got is None:
        return "The Host header is missing or malformed"
    name, port = got
    for entry in allowed:
        wanted = parse_host(entry)
        if wanted is not None and wanted[0] == name and wanted[1] in (None, port):
            return None
    server_name = server[0].lower().strip("[]") if server else None
    server_port = (server[1] if server else None) or 80
    if _is_local_name(name, server_name) and (port or 80) == server_port:
        return None
    return (
        f"Host {name!r} is not this emulator's; start it with --allowed-host {name} "
        "to answer to that name"
    )


def _media_type(value: str | None) -> str:
    return (value or "").partition(";")[0].strip().lower()


def _same_origin(origin: str, host: str | None) -> bool:
    """An ``Origin`` names the host the request was sent to (scheme aside: behind a proxy
    the page may be https)."""
    try:
        parts = urlsplit(origin.strip())
        port = parts.port
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    mine = parse_host(host) if host else None
    if mine is None:
        return False
    default = 443 if parts.scheme == "https" else 80
    return (parts.hostname.lower(), port or default) == (mine[0], mine[1] or default)


def cross_site_refusal(
    method: str, path: str, headers: Iterable[tuple[bytes, bytes]]
) -> str | None:
    """Why a control-plane write may have come from a page elsewhere, or None if it may
    go on (see the module's docstring)."""
    if method.upper() not in _WRITES or not path.startswith(CONTROL_PREFIX):
        return None
    headers = list(headers)
    fetch_site = (_header(headers, b"sec-fetch-site") or "").strip().lower()
    if fetch_site in ("cross-site", "same-site"):
        return f"The control plane refuses changes sent from another site ({fetch_site})"
    origin = _header(headers, b"origin")
    if origin is not None and not _same_origin(origin, _header(headers, b"host")):
        return f"The control plane refuses changes sent from another site (Origin: {origin[:80]!r})"
    kind = _media_type(_header(headers, b"content-type"))
    if kind == _JSON or (kind == _FORM and path.startswith(_CONSOLE_PREFIX)):
        return None
    return "The control plane takes only JSON bodies (Content-Type: application/json)"

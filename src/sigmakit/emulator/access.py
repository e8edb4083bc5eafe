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
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Iterable

from fastapi import Request

from .errors import Forbidden

__all__ = [
    "CONTROL_COOKIE",
    "CONTROL_HEADER",
    "CONTROL_PREFIX",
    "SIGN_IN_PATH",
    "control_refusal",
    "is_loopback",
    "is_token",
    "needs_control",
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

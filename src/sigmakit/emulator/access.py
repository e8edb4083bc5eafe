"""Who may use the control plane (everything under ``/__emulator``: reset, faults, clock,
jobs, docs, the console).

The one rule, checked in one place (:func:`control_refusal`) for every ``/__emulator``
request by the emulator's middleware, and offered as a FastAPI dependency
(:func:`require_control`) for routers that want it spelled out:

- a client on loopback (``127.0.0.1``, ``::1``) is the emulator's owner: let in;
- any other client must send the control token, as ``X-Emulator-Control-Token: <token>``
  or ``Authorization: Bearer <token>``, or a ``sigmakit_control`` cookie (for a browser);
- with no control token set, other clients are refused.

``sigmakit emulator serve --host 0.0.0.0`` makes a token (or takes
``SIGMAKIT_EMULATOR_CONTROL_TOKEN``) and prints it.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Iterable

from fastapi import Request

from .errors import ApiError

__all__ = [
    "CONTROL_COOKIE",
    "CONTROL_HEADER",
    "CONTROL_PREFIX",
    "control_refusal",
    "is_loopback",
    "require_control",
]

CONTROL_PREFIX = "/__emulator"
CONTROL_HEADER = "x-emulator-control-token"
CONTROL_COOKIE = "sigmakit_control"


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
    if any(hmac.compare_digest(o.encode(), token.encode()) for o in _offered(headers)):
        return None
    return "The control plane needs the control token (X-Emulator-Control-Token)"


async def require_control(request: Request) -> None:
    """A FastAPI dependency: 403 unless :func:`control_refusal` lets the request in."""
    client = request.client.host if request.client else None
    token = request.app.state.emulator.config.control_token
    refusal = control_refusal(client, request.scope["headers"], token)
    if refusal is not None:
        raise ApiError(403, refusal)

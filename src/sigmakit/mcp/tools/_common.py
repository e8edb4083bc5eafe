"""What every tool shares: the server's context, results as structured content with a
one-line summary, errors as one line, opaque cursors, and the scrubbing of secrets."""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import json
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult, TextContent

from ..._errors import SigmaError, UnknownOperationError
from ..._paging import Style

if TYPE_CHECKING:
    from ..._client import Sigma
    from ..plan_store import PlanStore

__all__ = [
    "DEFAULT_LIMIT",
    "MAX_LIMIT",
    "ServerContext",
    "decode_cursor",
    "encode_cursor",
    "guarded",
    "result",
    "scrub",
]

#: the page size a list tool takes when given none, and the most it takes
DEFAULT_LIMIT = 50
MAX_LIMIT = 200
#: keys whose values are never handed to the agent, whatever the answer they are in
_SECRET_KEY = re.compile(r"secret|password|passwd|private.?key|(access|refresh|id).?token", re.I)
REDACTED = "[redacted]"


@dataclass
class ServerContext:
    """What the tools of one server share."""

    sigma: Sigma
    allow_writes: bool = False
    #: destructive tools named with ``--allow-destructive``
    allow_destructive: frozenset[str] = frozenset()
    plans: PlanStore | None = None
    #: where export_to_file writes
    export_dir: str | None = None
    #: where the code tools keep data models as files
    code_dir: str | None = None
    clock: Callable[[], float] = time.monotonic

    def secrets(self) -> list[str]:
        """The values that must never appear in a result: the client secret, and the
        tokens in use (if one was fetched)."""
        found: list[str] = []
        secret = self.sigma.settings.client_secret
        if secret is not None and secret.reveal():
            found.append(secret.reveal())
        current = self.sigma.held_token
        for name in ("access_token", "refresh_token"):
            value = getattr(current, name, None)
            if isinstance(value, str) and value:
                found.append(value)
        return found


def scrub(value: Any, secrets: list[str]) -> Any:
    """``value`` with every secret-named key's value redacted and every known secret
    replaced, at any depth."""
    if isinstance(value, Mapping):
        return {
            str(k): REDACTED if _SECRET_KEY.search(str(k)) and v else scrub(v, secrets)
            for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [scrub(v, secrets) for v in value]
    if isinstance(value, str):
        for secret in secrets:
            if secret and secret in value:
                value = value.replace(secret, REDACTED)
        return value
    return value


def result(ctx: ServerContext, summary: str, data: Mapping[str, Any]) -> CallToolResult:
    """A tool's answer: ``data`` as structured content, ``summary`` as its text."""
    secrets = ctx.secrets()
    return CallToolResult(
        content=[TextContent(type="text", text=scrub(summary, secrets))],
        structured_content=scrub(dict(data), secrets),
    )


P = ParamSpec("P")
R = TypeVar("R")


def guarded(ctx: ServerContext) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """A tool whose sigmakit errors (bad input, an API refusal, an unreachable server)
    reach the agent as one line with no secret, never a traceback."""

    def wrap(fn: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(fn)
        def tool(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return fn(*args, **kwargs)
            except ToolError as exc:
                raise ToolError(scrub(_one_line(str(exc)), ctx.secrets())) from None
            except SigmaError as exc:
                # an unknown operation: its reason, without the SDK's hint (check=False)
                text = exc.reason if isinstance(exc, UnknownOperationError) else str(exc)
                line = f"{type(exc).__name__}: {_one_line(text)}"
                raise ToolError(scrub(line, ctx.secrets())) from None

        return tool

    return wrap


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _digest(scope: Mapping[str, Any]) -> str:
    text = json.dumps(scope, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def encode_cursor(tool: str, scope: Mapping[str, Any], cursor: str, style: str) -> str:
    """An opaque cursor for the next page of ``tool`` with these filters (``scope``)."""
    body = json.dumps({"t": tool, "f": _digest(scope), "c": cursor, "s": style})
    return base64.urlsafe_b64encode(body.encode()).decode().rstrip("=")


def decode_cursor(
    tool: str, scope: Mapping[str, Any], text: str | None
) -> tuple[str, Style] | None:
    """The server's cursor and style in ``text`` (from :func:`encode_cursor`), checked to
    be for the same tool and filters; ``None`` for the first page."""
    if text is None or text == "":
        return None
    try:
        padded = text + "=" * (-len(text) % 4)
        body = json.loads(base64.urlsafe_b64decode(padded.encode()))
        owner, digest, cursor, style = body["t"], body["f"], str(body["c"]), str(body["s"])
    except (ValueError, KeyError, TypeError, binascii.Error):
        raise ToolError(
            "cursor is not one this server gave; leave it out for the first page"
        ) from None
    if owner != tool:
        raise ToolError(f"that cursor is from {owner}, not {tool}")
    if digest != _digest(scope):
        raise ToolError("that cursor is for other filters; give the same filters as the first call")
    if style == "page":
        return cursor, "page"
    if style == "token":
        return cursor, "token"
    raise ToolError("cursor is not one this server gave; leave it out for the first page")


def check_limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise ToolError(f"limit must be between 1 and {MAX_LIMIT}, not {limit}")
    return limit

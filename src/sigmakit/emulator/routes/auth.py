"""``POST /v2/auth/token``: client credentials (form fields or HTTP Basic), refresh tokens, and
an Admin's token exchange for a token that acts as another member (:mod:`.token_exchange`)."""

from __future__ import annotations

import base64
import binascii
import json
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from ..errors import BadRequest, Unauthorized
from .deps import get_state, ok
from .token_exchange import ACCESS_TOKEN_TYPE, EXCHANGE, impersonate

router = APIRouter()


def _form(raw: bytes, content_type: str) -> dict[str, str]:
    text = raw.decode("utf-8", "replace")
    if "json" in content_type:
        try:
            data = json.loads(text or "{}")
        except ValueError:
            raise BadRequest("Malformed request body") from None
        if not isinstance(data, dict):
            raise BadRequest("Malformed request body")
        return {str(k): str(v) for k, v in data.items() if v is not None}
    return {k: v[0] for k, v in parse_qs(text, keep_blank_values=True).items()}


def _basic(request: Request) -> tuple[str | None, str | None]:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "basic" or not value:
        return None, None
    try:
        pair = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        raise BadRequest("Malformed Basic authorization header") from None
    client_id, sep, secret = pair.partition(":")
    if not sep:
        raise BadRequest("Malformed Basic authorization header")
    return client_id, secret


@router.post("/v2/auth/token")
async def token(request: Request) -> JSONResponse:
    state = get_state(request)
    form = _form(await request.body(), request.headers.get("content-type", ""))
    basic_id, basic_secret = _basic(request)
    client_id = form.get("client_id") or basic_id
    secret = form.get("client_secret") or basic_secret
    grant = form.get("grant_type")
    store = state.store
    if not grant:
        raise BadRequest("grant_type is required")
    if grant == "client_credentials":
        if not client_id or not secret:
            raise BadRequest("client_id and client_secret are required")
        member = store.org.check_credentials(client_id, secret)
        if member is None:
            raise Unauthorized("Invalid client credentials")
    elif grant == "refresh_token":
        refresh = form.get("refresh_token")
        if not refresh:
            raise BadRequest("refresh_token is required")
        if client_id and secret and store.org.check_credentials(client_id, secret) is None:
            raise Unauthorized("Invalid client credentials")
        redeemed = store.tokens.redeem_refresh(refresh, client_id)
        if redeemed is None:
            raise Unauthorized("Invalid or expired refresh token")
        client_id, member = redeemed
    elif grant == EXCHANGE:
        scheme, _, bearer = request.headers.get("authorization", "").partition(" ")
        given = bearer.strip() if scheme.lower() == "bearer" else None
        client_id, member = impersonate(store, form, given)
        issued = store.tokens.issue(client_id, member, state.config.token_ttl)
        return ok(
            {
                "access_token": issued.access_token,
                "issued_token_type": ACCESS_TOKEN_TYPE,
                "token_type": "Bearer",
                "expires_in": issued.expires_in,
            }
        )
    else:
        raise BadRequest(f"Unsupported grant_type: {grant}")
    issued = store.tokens.issue(client_id, member, state.config.token_ttl)
    return ok(
        {
            "access_token": issued.access_token,
            "refresh_token": issued.refresh_token,
            "token_type": "bearer",
            "expires_in": issued.expires_in,
        }
    )

"""Impersonation (Sigma's 2026-10 description, beta): ``POST /v2/auth/token`` with
``grant_type=urn:ietf:params:oauth:grant-type:token-exchange`` (RFC 8693) gives an Admin a
token that acts as another member. The ``subject_token`` is a JWT the client signs itself,
with ``kid`` (its client id) and ``sub`` (the email of the member to act as); the
``actor_token`` is the Admin's access token, which must also be the request's bearer."""

from __future__ import annotations

from typing import Any

import jwt

from ..errors import BadRequest, Forbidden, NotFound, Unauthorized
from ..store import Store

__all__ = ["ACCESS_TOKEN_TYPE", "EXCHANGE", "impersonate"]

EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange"
ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token"
_JWT_TYPE = "urn:ietf:params:oauth:token-type:jwt"


def _claims(subject_token: str) -> dict[str, Any]:
    """The subject token's header and claims. Its signature is not checked: the emulator
    keeps only a hash of each client secret (a guess, see tests/parity/GUESSES.md)."""
    try:
        claims: dict[str, Any] = jwt.decode(subject_token, options={"verify_signature": False})
        header = jwt.get_unverified_header(subject_token)
    except jwt.PyJWTError:
        raise BadRequest("subject_token is not a JWT") from None
    return {"kid": header.get("kid"), **claims}


def impersonate(store: Store, form: dict[str, str], bearer: str | None) -> tuple[str, str]:
    """``(client id, member id)`` of the token to issue, or Sigma's error."""
    if form.get("subject_token_type") != _JWT_TYPE:
        raise BadRequest(f"subject_token_type must be {_JWT_TYPE}")
    if form.get("actor_token_type") != ACCESS_TOKEN_TYPE:
        raise BadRequest(f"actor_token_type must be {ACCESS_TOKEN_TYPE}")
    subject, actor_token = form.get("subject_token"), form.get("actor_token")
    if not subject or not actor_token:
        raise BadRequest("subject_token and actor_token are required")
    if bearer != actor_token:
        raise Unauthorized("actor_token must be the bearer token of the request")
    actor = store.tokens.member_for(actor_token)
    if actor is None:
        raise Unauthorized("Token expired or invalid")
    if not store.permissions.is_admin(actor):
        raise Forbidden("Only an Admin can impersonate")
    claims = _claims(subject)
    client_id = claims.get("kid")
    if not isinstance(client_id, str) or store.org.client_owner(client_id) != actor:
        raise Unauthorized("kid must be a client id of the actor's API credentials")
    if claims.get("tenant") is not None:
        raise BadRequest("Impersonating a tenant organization is not emulated")
    email = claims.get("sub")
    if not isinstance(email, str) or not email:
        raise BadRequest("The subject token needs sub (the email of the member to act as)")
    member = store.members.id_by_email(email)
    if member is None:
        raise NotFound(f"No active member with the email {email}")
    if store.permissions.is_admin(member):
        raise Forbidden("An Admin cannot be impersonated")
    return client_id, member

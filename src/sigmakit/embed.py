"""Secure embed URLs: a workbook, page or element URL signed with a JWT.

As Sigma describes it (SIGMA-API-NOTES.md, "Embedding"): HS256 with the embed secret,
header ``kid`` = the embed client id; claims ``sub`` (the viewer's email), ``jti``
(unique), ``iat``, ``exp`` (at most 30 days after ``iat``) and optional ``account_type``,
``teams``, ``first_name``, ``last_name``, ``user_attributes``...; the URL is the target's
URL plus ``?:jwt=<token>&:embed=true``.

    signer = EmbedSigner.from_settings(sigma.settings)
    url = signer.sign_url(embed_target_url(workbook, page_id="aBc12"), "ana@example.com",
                          teams=["Sales"], ttl=3600)
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ._email import is_email
from ._errors import ConfigError, InputError

if TYPE_CHECKING:
    from ._settings import Secret, Settings
    from .resources.workbooks import Workbook

__all__ = ["DEFAULT_TTL", "MAX_TTL", "EmbedSigner", "embed_target_url"]

#: Sigma refuses a token whose ``exp - iat`` is more than 30 days.
MAX_TTL = 30 * 24 * 3600
DEFAULT_TTL = 3600
ALGORITHM = "HS256"


def embed_target_url(
    workbook: Workbook, *, page_id: str | None = None, element_id: str | None = None
) -> str:
    """The URL to sign: the workbook's, or one page's (``/page/<id>``) or element's
    (``/element/<id>``) under it."""
    if page_id and element_id:
        raise InputError("embed a page or an element, not both")
    base = workbook.url.rstrip("/")
    if page_id:
        return f"{base}/page/{page_id}"
    if element_id:
        return f"{base}/element/{element_id}"
    return base


#: the shortest embed secret accepted: HS256 keys must be at least 256 bits (RFC 7518, 3.2)
MIN_SECRET_BYTES = 32


@dataclass(frozen=True)
class EmbedSigner:
    """Signs embed URLs with one embed client id and secret (never given on a command line)."""

    client_id: str
    secret: Secret

    def __post_init__(self) -> None:
        # PyJWT would sign anyway and print a key-length warning: refuse plainly instead.
        # Sigma's embed secrets are long; a short one was cut off or is the wrong value.
        if len(self.secret.reveal().encode()) < MIN_SECRET_BYTES:
            raise ConfigError(
                f"the embed secret (SIGMA_EMBED_SECRET or a profile's embed_secret) is shorter "
                f"than {MIN_SECRET_BYTES} bytes, too short for HS256: check it was copied whole"
            )

    @classmethod
    def from_settings(cls, settings: Settings) -> EmbedSigner:
        """The embed credentials of the settings, or a :class:`ConfigError` naming what is
        missing (``SIGMA_EMBED_CLIENT_ID``/``SIGMA_EMBED_SECRET`` or the profile's keys)."""
        missing = []
        if not settings.embed_client_id:
            missing.append("embed client id (SIGMA_EMBED_CLIENT_ID or a profile's embed_client_id)")
        if settings.embed_secret is None or not settings.embed_secret.reveal():
            missing.append("embed secret (SIGMA_EMBED_SECRET or a profile's embed_secret)")
        if missing:
            raise ConfigError("missing setting: " + "; ".join(missing))
        assert settings.embed_client_id and settings.embed_secret
        return cls(settings.embed_client_id, settings.embed_secret)

    def claims(
        self,
        viewer_email: str,
        *,
        ttl: int = DEFAULT_TTL,
        account_type: str | None = None,
        teams: Sequence[str] = (),
        user_attributes: Mapping[str, str] | None = None,
        first_name: str | None = None,
        last_name: str | None = None,
        now: float | None = None,
    ) -> dict[str, Any]:
        """The token's claims, checked: a real email, ``0 < ttl <= MAX_TTL``, named teams
        and attributes."""
        email = viewer_email.strip()
        if not is_email(email):
            raise InputError(f"the viewer must be an email address, not {viewer_email!r}")
        if not 0 < ttl <= MAX_TTL:
            raise InputError(f"ttl must be between 1 and {MAX_TTL} seconds (30 days), not {ttl}")
        if any(not t.strip() for t in teams):
            raise InputError("a team name is empty")
        if user_attributes and any(not k.strip() for k in user_attributes):
            raise InputError("a user attribute has an empty name")
        issued = int(time.time() if now is None else now)
        claims: dict[str, Any] = {
            "sub": email,
            "jti": str(uuid.uuid4()),
            "iat": issued,
            "exp": issued + ttl,
        }
        optional: dict[str, Any] = {
            "account_type": account_type,
            "teams": [t.strip() for t in teams] or None,
            "user_attributes": dict(user_attributes) if user_attributes else None,
            "first_name": first_name,
            "last_name": last_name,
        }
        claims.update({k: v for k, v in optional.items() if v is not None})
        return claims

    def token(self, claims: Mapping[str, Any]) -> str:
        import jwt

        return jwt.encode(
            dict(claims),
            self.secret.reveal(),
            algorithm=ALGORITHM,
            headers={"kid": self.client_id},
        )

    def sign_url(
        self,
        url: str,
        viewer_email: str,
        *,
        ttl: int = DEFAULT_TTL,
        account_type: str | None = None,
        teams: Sequence[str] = (),
        user_attributes: Mapping[str, str] | None = None,
        first_name: str | None = None,
        last_name: str | None = None,
        now: float | None = None,
    ) -> str:
        """``url`` plus ``:jwt=<token>&:embed=true``; each call signs a new ``jti``."""
        token = self.token(
            self.claims(
                viewer_email,
                ttl=ttl,
                account_type=account_type,
                teams=teams,
                user_attributes=user_attributes,
                first_name=first_name,
                last_name=last_name,
                now=now,
            )
        )
        return f"{url}{'&' if '?' in url else '?'}:jwt={token}&:embed=true"

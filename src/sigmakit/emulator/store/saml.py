"""SAML service providers and their certificates (Sigma's public beta): the certificates an
identity provider uses to check Sigma's signed requests (``signing``) or to encrypt its
assertions to Sigma (``encryption``).

A certificate is a real self-signed X.509 certificate (RSA 2048, SHA-256) over a key the
emulator keeps to itself, valid from its creation for ``validForDays``. Activating one
deactivates the provider's other certificates of the same purpose, as documented.

Guesses (``tests/parity/GUESSES.md``, "SAML"): the organization has one service provider; a
new certificate is inactive until activated; an active certificate may be removed; validity
is 1 to 3,650 days; only an Admin reaches any of it.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from typing import Any

from ..clock import Clock, iso
from ..db import Database
from ..errors import BadRequest, Forbidden, NotFound
from ..ids import IdFactory

SCHEMA = """
CREATE TABLE IF NOT EXISTS saml_service_providers (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    sp_id TEXT UNIQUE NOT NULL
);
CREATE TABLE IF NOT EXISTS saml_certificates (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    certificate_id TEXT UNIQUE NOT NULL,
    sp_id TEXT NOT NULL,
    purpose TEXT NOT NULL,
    pem TEXT NOT NULL,
    is_active INTEGER NOT NULL DEFAULT 0,
    not_before TEXT NOT NULL,
    not_after TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
"""

PURPOSES = ("signing", "encryption")
MAX_DAYS = 3650


def _certificate(common_name: str, start: dt.datetime, days: int) -> str:
    """A self-signed certificate for ``common_name``, PEM-encoded."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=days))
        .sign(key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def _render(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "samlServiceProviderCertificateId": row["certificate_id"],
        "samlServiceProviderId": row["sp_id"],
        "purpose": row["purpose"],
        "publicKeyCertificate": row["pem"],
        "isActive": bool(row["is_active"]),
        "notBefore": row["not_before"],
        "notAfter": row["not_after"],
        "createdAt": row["created_at"],
        "createdBy": row["created_by"],
        "updatedAt": row["updated_at"],
        "updatedBy": row["updated_by"],
    }


class SamlStore:
    def __init__(
        self, db: Database, ids: IdFactory, clock: Clock, is_admin: Callable[[str], bool]
    ) -> None:
        self.db = db
        self.ids = ids
        self.clock = clock
        self.is_admin = is_admin

    def seed(self) -> str:
        """The organization's service provider (one)."""
        sp_id = self.ids.uuid()
        with self.db.tx() as c:
            c.execute("INSERT INTO saml_service_providers (sp_id) VALUES (?)", (sp_id,))
        return sp_id

    def _admin(self, caller: str) -> None:
        if not self.is_admin(caller):
            raise Forbidden("Only an Admin may manage SAML service providers")

    def _provider(self, sp_id: str) -> None:
        if self.db.scalar("SELECT 1 FROM saml_service_providers WHERE sp_id = ?", (sp_id,)) is None:
            raise NotFound.of("SAML service provider", sp_id)

    def _row(self, sp_id: str, certificate_id: str) -> sqlite3.Row:
        self._provider(sp_id)
        row = self.db.one(
            "SELECT * FROM saml_certificates WHERE sp_id = ? AND certificate_id = ?",
            (sp_id, certificate_id),
        )
        if row is None:
            raise NotFound.of("SAML service provider certificate", certificate_id)
        return row

    def providers(self, caller: str) -> list[dict[str, Any]]:
        self._admin(caller)
        rows = self.db.all("SELECT sp_id FROM saml_service_providers ORDER BY seq")
        return [{"samlServiceProviderId": r["sp_id"]} for r in rows]

    def certificates(self, sp_id: str, caller: str) -> list[dict[str, Any]]:
        self._admin(caller)
        self._provider(sp_id)
        rows = self.db.all("SELECT * FROM saml_certificates WHERE sp_id = ? ORDER BY seq", (sp_id,))
        return [_render(r) for r in rows]

    def certificate(self, sp_id: str, certificate_id: str, caller: str) -> dict[str, Any]:
        self._admin(caller)
        return _render(self._row(sp_id, certificate_id))

    def create(self, sp_id: str, purpose: Any, days: Any, caller: str) -> dict[str, str]:
        self._admin(caller)
        self._provider(sp_id)
        if purpose not in PURPOSES:
            raise BadRequest(f"purpose is one of {', '.join(PURPOSES)}")
        if isinstance(days, bool) or not isinstance(days, int | float) or days != int(days):
            raise BadRequest("validForDays is a whole number of days")
        if not 1 <= days <= MAX_DAYS:
            raise BadRequest(f"validForDays is 1 to {MAX_DAYS}")
        start = self.clock.now().replace(microsecond=0)
        pem = _certificate(f"sigma-saml-sp-{sp_id}", start, int(days))
        certificate_id = self.ids.uuid()
        now = self.clock.iso()
        with self.db.tx() as c:
            c.execute(
                "INSERT INTO saml_certificates (certificate_id, sp_id, purpose, pem, not_before,"
                " not_after, created_by, updated_by, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    certificate_id,
                    sp_id,
                    purpose,
                    pem,
                    iso(start),
                    iso(start + dt.timedelta(days=int(days))),
                    caller,
                    caller,
                    now,
                    now,
                ),
            )
        return {"samlServiceProviderId": sp_id, "samlServiceProviderCertificateId": certificate_id}

    def set_active(self, sp_id: str, certificate_id: str, active: bool, caller: str) -> None:
        """Activate (the others of its purpose go inactive) or deactivate one certificate."""
        self._admin(caller)
        row = self._row(sp_id, certificate_id)
        now = self.clock.iso()
        with self.db.tx() as c:
            if active:
                c.execute(
                    "UPDATE saml_certificates SET is_active = 0, updated_by = ?, updated_at = ?"
                    " WHERE sp_id = ? AND purpose = ? AND is_active AND certificate_id != ?",
                    (caller, now, sp_id, row["purpose"], certificate_id),
                )
            c.execute(
                "UPDATE saml_certificates SET is_active = ?, updated_by = ?, updated_at = ?"
                " WHERE certificate_id = ?",
                (int(active), caller, now, certificate_id),
            )

    def remove(self, sp_id: str, certificate_id: str, caller: str) -> None:
        self._admin(caller)
        self._row(sp_id, certificate_id)
        with self.db.tx() as c:
            c.execute("DELETE FROM saml_certificates WHERE certificate_id = ?", (certificate_id,))

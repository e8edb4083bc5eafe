"""A connection's catalogue paths (``["DATABASE", "SCHEMA", "TABLE"]``): the key a path is
kept under, the ids of its database's and schema's inodes, and the 404 for a path the
connection does not hold."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence

from ..errors import NotFound
from .file_types import base62

__all__ = ["SEP", "key", "not_found", "scope_ids"]

SEP = "\x1f"


def key(path: Sequence[str]) -> str:
    return SEP.join(path)


def scope_ids(connection_id: str, path: Sequence[str]) -> tuple[str, str]:
    """A database's or schema's inode id and url id, derived from the connection and the
    path (so laying the catalogue down draws nothing from the seed's id sequence)."""
    digest = hashlib.sha256(f"{connection_id}/{key(path)}".encode()).digest()
    n = int.from_bytes(digest[16:], "big")
    return str(uuid.UUID(bytes=digest[:16], version=4)), base62(n, 22)


def not_found(path: Sequence[str]) -> NotFound:
    return NotFound(f"Path not found in connection: {'.'.join(path)}")

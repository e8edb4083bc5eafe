"""The organization's settings: its timezone and three switches (bulk copy, license upgrade
requests, public embeds), as Sigma's description of October 2026 has them.

The defaults of a new organization are guesses (``tests/parity/GUESSES.md``, "Organization
settings"): the timezone UTC, bulk copy and license upgrade requests on, public embeds off.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..db import Database
from ..errors import BadRequest

SCHEMA = """
CREATE TABLE IF NOT EXISTS org_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

#: the switches, by the name their path uses, with a new organization's value
SWITCHES = {"bulkCopy": True, "licenseUpgradeRequests": True, "publicEmbeds": False}
DEFAULT_TIMEZONE = "UTC"


def _zone(name: str) -> str:
    """``name`` if it is an IANA timezone (``America/New_York``), else 400."""
    if not name or name != name.strip() or name.startswith(("/", ".")) or ".." in name:
        raise BadRequest(f"Invalid timezone: {name!r}")
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise BadRequest(f"Invalid timezone: {name!r}") from None
    return name


class OrgSettingStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def _get(self, key: str, default: str) -> str:
        value = self.db.scalar("SELECT value FROM org_settings WHERE key = ?", (key,))
        return default if value is None else str(value)

    def _set(self, key: str, value: str) -> None:
        with self.db.tx() as c:
            c.execute("INSERT OR REPLACE INTO org_settings VALUES (?, ?)", (key, value))

    def timezone(self) -> str:
        return self._get("timezone", DEFAULT_TIMEZONE)

    def set_timezone(self, name: str) -> str:
        self._set("timezone", _zone(name))
        return name

    def switch(self, name: str) -> bool:
        """The switch's value (``name`` one of :data:`SWITCHES`)."""
        return self._get(name, "1" if SWITCHES[name] else "0") == "1"

    def set_switch(self, name: str, enabled: bool) -> bool:
        self._set(name, "1" if enabled else "0")
        return enabled

"""The one check of a schedule's cron expression and time zone, for the SDK (before a
request is sent) and the emulator (Sigma's 400) alike. Standard library only."""

from __future__ import annotations

import re
import zoneinfo
from functools import cache
from typing import Any

__all__ = ["cron_spec", "timezone_name"]

#: minute, hour, day of month, month, day of week (0 and 7 are Sunday)
_RANGES = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 7))
_FIELDS = ("minute", "hour", "day of month", "month", "day of week")
_NAMES = {
    3: ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"),
    4: ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"),
}
_PART = re.compile(r"^(\*|\?|[0-9A-Za-z]+(?:-[0-9A-Za-z]+)?)(?:/([0-9]+))?$")


def cron_spec(spec: Any) -> str:
    """A five-field cron expression (minute hour day month weekday: numbers, ranges, steps,
    lists, ``*``, month and day names), with its spaces tidied; ``ValueError`` otherwise."""
    if not isinstance(spec, str) or not spec.strip():
        raise ValueError("a schedule needs a cron expression, e.g. '0 7 * * 1-5'")
    fields = spec.split()
    if len(fields) != 5:
        raise ValueError(
            f"invalid cron expression {spec!r}: it takes 5 fields (minute hour day month "
            f"weekday), not {len(fields)}"
        )
    for n, field in enumerate(fields):
        low, high = _RANGES[n]
        for part in field.split(","):
            found = _PART.match(part)
            if found is None or found.group(2) == "0":
                raise ValueError(f"invalid cron expression {spec!r}: bad {_FIELDS[n]} {field!r}")
            for token in found.group(1).split("-"):
                if token in ("*", "?"):
                    continue
                if token.isdigit():
                    if not low <= int(token) <= high:
                        raise ValueError(
                            f"invalid cron expression {spec!r}: {_FIELDS[n]} {token} is not "
                            f"from {low} to {high}"
                        )
                elif token.upper() not in _NAMES.get(n, ()):
                    raise ValueError(
                        f"invalid cron expression {spec!r}: bad {_FIELDS[n]} {field!r}"
                    )
    return " ".join(fields)


@cache
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def timezone_name(zone: Any) -> str:
    """An IANA time zone name (``America/New_York``, ``UTC``); ``ValueError`` otherwise."""
    if not isinstance(zone, str) or not zone.strip():
        raise ValueError("a schedule needs a time zone, e.g. 'America/New_York' or 'UTC'")
    name: str = zone.strip()
    known = _zones()
    if name in known or name == "UTC":
        return name
    if not known and re.fullmatch(r"[A-Za-z_]+(/[A-Za-z0-9_+-]+){0,2}", name):
        return name  # no time zone database on this machine: take a well-formed name
    raise ValueError(f"unknown time zone {name!r}: use an IANA name such as America/New_York")

"""Export ``parameters``: a control id mapped to a string, turned into a SQL predicate the way
Sigma applies a control's value to the elements it targets.

Syntax, as Sigma documents it:

- lists: values separated by commas (``East,West``); ``:null`` stands for a null value and
  ``:empty`` for an empty string (``East,:null``);
- number ranges: ``min:10.5,max:23``, either side may be left out or empty;
- dates, in UTC: ``YYYY-MM-DD``, ``YYYY-MM-DDTHH:MM`` or ``YYYY-MM-DDTHH:MM:SS``;
- date ranges: ``min:2024-04-16,max:2024-04-17``, either side may be empty; a date alone
  means that day; a relative date ``prior-day-3``, ``next-week-2``, ``current-month``.

Choices where Sigma is silent: a range includes both ends, and a date-only upper end
includes that whole day; ``prior-<unit>-N`` is the N whole units before the current one,
``next-<unit>-N`` the N after it; weeks start on Sunday (Sigma's default); a value of
``:empty`` on a number or date control clears the control (no filter).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from ..errors import ApiError, BadRequest

__all__ = ["ControlSpec", "Predicate", "predicate"]

Predicate = tuple[str, list[Any]]

_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(:\d{2})?)?$")
_RELATIVE = re.compile(r"^(prior|next|current)-(day|week|month|quarter|year)(?:-(\d{1,4}))?$")
_MONTHS = {"month": 1, "quarter": 3, "year": 12}


@dataclass(frozen=True)
class ControlSpec:
    """A control: its id (the key of export parameters), label, value type and the
    dataset column it filters."""

    control_id: str
    name: str
    value_type: str
    column: str


def _invalid(spec: ControlSpec, value: str, why: str) -> ApiError:
    return BadRequest(f"Invalid value {value!r} for control {spec.control_id}: {why}")


def predicate(spec: ControlSpec, value: str, now: datetime) -> Predicate | None:
    """The SQL predicate for ``value`` on ``spec``'s column, or None when it filters nothing."""
    col = spec.column
    value = value.strip()
    if value == ":null":
        return f"{col} IS NULL", []
    kind = spec.value_type
    if value == ":empty" and not kind.startswith("text"):
        return None
    if kind in ("text-list", "text"):
        return _text_list(col, value)
    if kind == "number-range":
        return _number_range(spec, value)
    if kind in ("number-list", "number"):
        return _number_list(spec, value)
    if kind in ("date-range", "date"):
        return _date_range(spec, value, now)
    raise BadRequest(f"Control {spec.control_id} does not take parameters")


def _text_list(col: str, value: str) -> Predicate:
    tokens = value.split(",")
    parts: list[str] = [f"{col} IS NULL"] if ":null" in tokens else []
    args: list[Any] = []
    values = ["" if t == ":empty" else t for t in tokens if t != ":null"]
    if values:
        parts.append(f"{col} IN ({','.join('?' * len(values))})")
        args.extend(values)
    return "(" + " OR ".join(parts) + ")", args


def _number(spec: ControlSpec, value: str, text: str) -> float:
    try:
        number = float(text)
    except ValueError:
        raise _invalid(spec, value, f"{text!r} is not a number") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise _invalid(spec, value, f"{text!r} is not a number")
    return number


def _bounds(spec: ControlSpec, value: str) -> dict[str, str]:
    """``min:a,max:b`` (either side optional or empty) as ``{"min": a, "max": b}``."""
    bounds: dict[str, str] = {}
    for part in value.split(","):
        key, sep, text = part.partition(":")
        if not sep or key not in ("min", "max") or key in bounds:
            raise _invalid(spec, value, "expected min:<value>,max:<value>")
        if text.strip():
            bounds[key] = text.strip()
    return bounds


def _number_range(spec: ControlSpec, value: str) -> Predicate | None:
    bounds = _bounds(spec, value)
    parts, args = [], []
    if "min" in bounds:
        parts.append(f"{spec.column} >= ?")
        args.append(_number(spec, value, bounds["min"]))
    if "max" in bounds:
        parts.append(f"{spec.column} <= ?")
        args.append(_number(spec, value, bounds["max"]))
    return (" AND ".join(parts), args) if parts else None


def _number_list(spec: ControlSpec, value: str) -> Predicate:
    numbers = [_number(spec, value, v) for v in value.split(",")]
    return f"{spec.column} IN ({','.join('?' * len(numbers))})", list(numbers)


def _parse_date(spec: ControlSpec, value: str, text: str) -> tuple[datetime, bool]:
    """The instant and whether it was a date without a time."""
    match = _DATE.match(text)
    if match is None:
        raise _invalid(spec, value, f"{text!r} is not YYYY-MM-DD[THH:MM[:SS]]")
    day, hm, sec = match.groups()
    try:
        moment = datetime.strptime(f"{day}T{hm or '00:00'}{sec or ':00'}", "%Y-%m-%dT%H:%M:%S")
    except ValueError:
        raise _invalid(spec, value, f"{text!r} is not a real date") from None
    return moment.replace(tzinfo=UTC), hm is None


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


def _half_open(col: str, start: datetime | None, end: datetime | None) -> Predicate | None:
    parts, args = [], []
    if start is not None:
        parts.append(f"{col} >= ?")
        args.append(_stamp(start))
    if end is not None:
        parts.append(f"{col} < ?")
        args.append(_stamp(end))
    return (" AND ".join(parts), args) if parts else None


def _date_range(spec: ControlSpec, value: str, now: datetime) -> Predicate | None:
    col = spec.column
    relative = _RELATIVE.match(value)
    if relative is not None:
        return _half_open(col, *relative_range(*relative.groups(), now=now))
    if not value.startswith(("min:", "max:")):
        moment, whole_day = _parse_date(spec, value, value)
        if whole_day:
            return _half_open(col, moment, _plus(moment, timedelta(days=1)))
        return f"{col} = ?", [_stamp(moment)]
    bounds = _bounds(spec, value)
    start = end = None
    if "min" in bounds:
        start = _parse_date(spec, value, bounds["min"])[0]
    if "max" in bounds:
        moment, whole_day = _parse_date(spec, value, bounds["max"])
        end = _plus(moment, timedelta(days=1) if whole_day else timedelta(seconds=1))
    return _half_open(col, start, end)


def _plus(moment: datetime, delta: timedelta) -> datetime | None:
    """``moment + delta``, or None (no bound) past the last representable day: a range
    up to 9999-12-31 runs to the end of time rather than failing."""
    try:
        return moment + delta
    except OverflowError:
        return None


def _unit_start(now: datetime, unit: str) -> datetime:
    day = now.replace(hour=0, minute=0, second=0, microsecond=0)
    if unit == "day":
        return day
    if unit == "week":
        return day - timedelta(days=(day.weekday() + 1) % 7)
    if unit == "month":
        return day.replace(day=1)
    if unit == "quarter":
        return day.replace(day=1, month=3 * ((day.month - 1) // 3) + 1)
    return day.replace(day=1, month=1)


def _shift(moment: datetime, unit: str, n: int) -> datetime | None:
    """``moment`` moved by ``n`` units; None beyond the years a date can hold (1 to 9999):
    ``prior-year-9999`` has no lower bound, ``next-year-9999`` no upper one."""
    try:
        if unit == "day":
            return moment + timedelta(days=n)
        if unit == "week":
            return moment + timedelta(weeks=n)
        months = moment.year * 12 + moment.month - 1 + n * _MONTHS[unit]
        return moment.replace(year=months // 12, month=months % 12 + 1)
    except (OverflowError, ValueError):
        return None


def relative_range(
    direction: str, unit: str, count: str | None, *, now: datetime
) -> tuple[datetime | None, datetime | None]:
    """``[start, end)`` of ``prior-<unit>-N``, ``next-<unit>-N`` or ``current-<unit>``;
    None for a bound beyond the years a date can hold."""
    n = int(count) if count else 1
    start = _unit_start(now.astimezone(UTC), unit)
    if direction == "prior":
        return _shift(start, unit, -n), start
    if direction == "next":
        return _shift(start, unit, 1), _shift(start, unit, 1 + n)
    return start, _shift(start, unit, 1)

"""Limits on the text a client names things with. Sigma's own limits are not documented;
the emulator refuses names longer than :data:`MAX_NAME` with a 400 rather than storing a
100,000-character team name."""

from __future__ import annotations

from typing import Any

from ..errors import BadRequest

__all__ = ["MAX_NAME", "bounded", "name_of"]

#: the longest name (team, workspace, folder, first or last name) the emulator accepts
MAX_NAME = 255


def bounded(value: Any, what: str, limit: int = MAX_NAME) -> str:
    """``value`` as text, refused with Sigma's 400 if longer than ``limit`` characters."""
    text = str(value)
    if len(text) > limit:
        raise BadRequest(f"{what} must be at most {limit} characters ({len(text)} given)")
    return text


def name_of(value: Any, what: str) -> str:
    """A required name: stripped, not empty, at most :data:`MAX_NAME` characters."""
    name = bounded(str(value or "").strip(), f"{what} name")
    if not name:
        raise BadRequest(f"A {what} needs a name")
    return name

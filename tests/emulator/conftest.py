"""Fixtures the emulator's tests share."""

from __future__ import annotations

from tests.support.workbook_helpers import sales

__all__ = ["sales"]

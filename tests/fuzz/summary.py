"""The fuzz figures to print at the end of the run (see conftest.py)."""

from __future__ import annotations

#: lines the fuzz tests want shown in the terminal summary
SUMMARY: list[str] = []

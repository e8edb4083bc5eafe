"""``sigmakit api``: any operation of Sigma's API, checked against the bundled description
first (like ``gh api``). The command in ``command.py``; ``-f``/``-F`` fields in ``fields.py``;
the answer and ``--list`` shown by ``show.py``."""

from __future__ import annotations

from .command import api
from .fields import field_value, parse_fields, query_params
from .show import list_rows

__all__ = ["api", "field_value", "list_rows", "parse_fields", "query_params"]

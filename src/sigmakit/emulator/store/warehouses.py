"""What the emulator knows of data warehouses: the settings a connection's body must hold
for each warehouse type (and which of them an answer shows), and the columns of the tables
the seed catalogues."""

from __future__ import annotations

import math
from typing import Any

from ..errors import BadRequest
from .text import bounded, name_of

__all__ = ["DEFAULT_COLUMNS", "REQUIRED_DETAILS", "TABLE_COLUMNS", "settings"]

_TEXT, _NUMBER, _DATETIME, _BOOL = "string", "number", "datetime", "bool"
#: The columns of the tables the seed catalogues (by table name); the retail ones match the
#: retail dataset every workbook reads. Any other table shows an id and a load time.
TABLE_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "ORDERS": (
        ("ORDER_ID", _NUMBER),
        ("ORDER_DATE", _DATETIME),
        ("STORE_ID", _NUMBER),
        ("PRODUCT_ID", _NUMBER),
        ("SEGMENT", _TEXT),
        ("QUANTITY", _NUMBER),
        ("UNIT_PRICE", _NUMBER),
        ("DISCOUNT", _NUMBER),
        ("REVENUE", _NUMBER),
    ),
    "ORDERS_RAW": (("PAYLOAD", _TEXT), ("LOADED_AT", _DATETIME)),
    "PRODUCTS": (
        ("PRODUCT_ID", _NUMBER),
        ("NAME", _TEXT),
        ("CATEGORY_ID", _NUMBER),
        ("UNIT_PRICE", _NUMBER),
    ),
    "STORES": (("STORE_ID", _NUMBER), ("NAME", _TEXT), ("CITY", _TEXT), ("REGION_ID", _NUMBER)),
    "REGIONS": (("REGION_ID", _NUMBER), ("NAME", _TEXT)),
    "CATEGORIES": (("CATEGORY_ID", _NUMBER), ("NAME", _TEXT)),
    "DAILY_SALES": (
        ("SALE_DATE", _DATETIME),
        ("STORE_ID", _NUMBER),
        ("ORDERS", _NUMBER),
        ("REVENUE", _NUMBER),
    ),
    "CUSTOMER_SEGMENTS": (("SEGMENT", _TEXT), ("CUSTOMERS", _NUMBER), ("REVENUE", _NUMBER)),
    "SESSIONS": (
        ("SESSION_ID", _TEXT),
        ("STARTED_AT", _DATETIME),
        ("CAMPAIGN_ID", _TEXT),
        ("PAGE_VIEWS", _NUMBER),
    ),
    "CAMPAIGNS": (("CAMPAIGN_ID", _TEXT), ("NAME", _TEXT), ("CHANNEL", _TEXT), ("BUDGET", _NUMBER)),
    "CONVERSIONS": (("SESSION_ID", _TEXT), ("ORDER_ID", _NUMBER), ("CONVERTED_AT", _DATETIME)),
    "DEMAND_FORECAST": (("PRODUCT_ID", _NUMBER), ("WEEK", _DATETIME), ("FORECAST_UNITS", _NUMBER)),
    "SHIPMENTS": (
        ("SHIPMENT_ID", _NUMBER),
        ("ORDER_ID", _NUMBER),
        ("WAREHOUSE_ID", _NUMBER),
        ("SHIPPED_AT", _DATETIME),
        ("DELIVERED", _BOOL),
    ),
    "WAREHOUSES": (("WAREHOUSE_ID", _NUMBER), ("NAME", _TEXT), ("CITY", _TEXT)),
    "SUPPLIERS": (("SUPPLIER_ID", _NUMBER), ("NAME", _TEXT), ("COUNTRY", _TEXT)),
}
DEFAULT_COLUMNS = (("ID", _NUMBER), ("LOADED_AT", _DATETIME))

#: What ``details`` must hold for each warehouse type (2026-08 description, create body)
REQUIRED_DETAILS: dict[str, tuple[str, ...]] = {
    "postgres": ("host", "database"),
    "redshift": ("host", "database"),
    "alloydb": ("host", "database"),
    "bigQuery": ("projectId",),
    "snowflake": (),
    "databricks": ("host",),
    "mysql": ("user", "password", "host", "port"),
    "azuresql": ("server", "database", "port", "user", "password"),
    "sqlserver": ("server", "port", "user", "password"),
    "starburst": ("host", "port", "user", "password"),
}
#: the settings a connection's answer shows (never a password, key or client secret)
_SHOWN_TEXT = (
    "account",
    "warehouse",
    "user",
    "role",
    "materializationWarehouse",
    "exportsWarehouse",
)
_POOL_NUMBERS = ("adhocPoolSize", "catalogPoolSize", "resultPoolSize", "schedulePoolSize")


#: the largest number a setting may hold (a JSON integer of 400 digits is no float)
_LARGEST = 2**53


def _number(value: Any) -> bool:
    """A finite JSON number of a sensible size (not a boolean: JSON's true is Python's 1)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return abs(value) <= _LARGEST if isinstance(value, int) else math.isfinite(value)


def settings(body: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
    """``(name, type, the settings shown in answers)`` of a create or PUT body, or Sigma's
    400 naming what is missing or malformed. Secrets are checked for presence, never kept."""
    name = name_of(body.get("name"), "connection")
    details = body.get("details")
    if not isinstance(details, dict):
        raise BadRequest("details is an object with the warehouse's type and settings")
    kind = details.get("type")
    if not isinstance(kind, str) or kind not in REQUIRED_DETAILS:
        raise BadRequest(
            f"Unknown connection type: {bounded(kind, 'type')} "
            f"(one of {', '.join(REQUIRED_DETAILS)})"
        )
    for key in REQUIRED_DETAILS[kind]:
        value = details.get(key)
        if value is None or value == "":
            raise BadRequest(f"A {kind} connection needs details.{key}")
        if key == "port" and not _number(value):
            raise BadRequest("details.port is a number")
    shown: dict[str, Any] = {}
    for key in _SHOWN_TEXT:
        value = details.get(key)
        if isinstance(value, str) and value:
            shown[key] = bounded(value, f"details.{key}")
    write = details.get("writeAccess")
    shown["writeAccess"] = isinstance(write, dict) and bool(write)
    timeout = body.get("timeoutSecs")
    if timeout is not None:
        if not _number(timeout) or timeout <= 0:
            raise BadRequest("timeoutSecs is a positive number of seconds")
        shown["timeout"] = {"default": timeout}
    pools = body.get("poolSizes")
    if isinstance(pools, dict):
        sizes: dict[str, Any] = {
            k: v for k, v in pools.items() if k in _POOL_NUMBERS and _number(v)
        }
        if isinstance(pools.get("isPoolConfigured"), bool):
            sizes["isPoolConfigured"] = pools["isPoolConfigured"]
        shown["poolSizes"] = sizes
    if isinstance(body.get("useFriendlyNames"), bool):
        shown["friendlyName"] = body["useFriendlyNames"]
    if isinstance(details.get("useOauth"), bool):
        shown["useOauth"] = details["useOauth"]
    return name, kind, shown

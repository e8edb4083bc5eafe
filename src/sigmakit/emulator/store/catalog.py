"""What a seeded workbook is made of: the kinds of element (a table, a pivot table, a chart,
an input table, a control, a text box) and the controls, each defined over the retail
dataset's ``ds_order_lines`` view. A workbook's element rows name their kind here."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .parameters import ControlSpec, Predicate
from .retail import order_lines_query

__all__ = ["CONTROLS", "DATA_TYPES", "ELEMENT_KINDS", "Col", "ElementKind", "column_id", "query"]

#: element types that hold rows and can be exported as data
DATA_TYPES = ("table", "pivot-table", "visualization", "input-table")


@dataclass(frozen=True)
class Col:
    label: str
    #: SQL over ds_order_lines (for input tables: the key in each stored row)
    sql: str
    formula: str
    numeric: bool = False
    datetime: bool = False

    @property
    def value_type(self) -> str:
        """The column's type in the words of Sigma's value types (2026-08 description:
        null, bool, number, integer, string, datetime, error, record, array, variant)."""
        return "number" if self.numeric else "datetime" if self.datetime else "string"


@dataclass(frozen=True)
class ElementKind:
    key: str
    name: str
    type: str
    columns: tuple[Col, ...] = ()
    viz: str | None = None
    group_by: tuple[str, ...] = ()
    order_by: str = ""
    control_id: str | None = None
    #: input tables: the rows a new element starts with
    rows: tuple[tuple[object, ...], ...] = field(default=())


def _base(label: str, column: str, numeric: bool = False, datetime: bool = False) -> Col:
    return Col(label, column, f"[Order Lines/{label}]", numeric, datetime)


def _sum(label: str, column: str, digits: int | None = None) -> Col:
    sql = f"SUM({column})" if digits is None else f"ROUND(SUM({column}), {digits})"
    return Col(label, sql, f"Sum([Order Lines/{label}])", True)


_COUNT = Col("Orders", "COUNT(*)", "Count()", True)
_REGION = _base("Region", "region")
_CATEGORY = _base("Category", "category")
_REVENUE = _sum("Revenue", "revenue", 2)
_UNITS = _sum("Units", "quantity")

CONTROLS: dict[str, ControlSpec] = {
    spec.control_id: spec
    for spec in (
        ControlSpec("DateFilter", "Order Date", "date-range", "order_date"),
        ControlSpec("Region", "Region", "text-list", "region"),
        ControlSpec("Category", "Category", "text-list", "category"),
        ControlSpec("Segment", "Customer Segment", "text-list", "segment"),
        ControlSpec("Revenue", "Order Revenue", "number-range", "revenue"),
    )
}

_KINDS: list[ElementKind] = [
    ElementKind(
        "orders",
        "Orders",
        "table",
        (
            _base("Order Id", "order_id", True),
            _base("Order Date", "order_date", datetime=True),
            _REGION,
            _base("Store", "store"),
            _CATEGORY,
            _base("Product", "product"),
            _base("Segment", "segment"),
            _base("Quantity", "quantity", True),
            _base("Unit Price", "unit_price", True),
            _base("Discount", "discount", True),
            _base("Revenue", "revenue", True),
        ),
        order_by="order_date, order_id",
    ),
    ElementKind(
        "store_performance",
        "Store Performance",
        "table",
        (_REGION, _base("Store", "store"), _COUNT, _UNITS, _REVENUE),
        group_by=("region", "store"),
        order_by="region, store",
    ),
    ElementKind(
        "top_products",
        "Top Products",
        "table",
        (_base("Product", "product"), _CATEGORY, _UNITS, _REVENUE),
        group_by=("product", "category"),
        order_by="SUM(revenue) DESC, product",
    ),
    ElementKind(
        "region_category",
        "Revenue by Region and Category",
        "pivot-table",
        (_REGION, _CATEGORY, _UNITS, _REVENUE),
        group_by=("region", "category"),
        order_by="region, category",
    ),
    ElementKind(
        "monthly_revenue",
        "Monthly Revenue",
        "visualization",
        (
            Col(
                "Month",
                "substr(order_date, 1, 7)",
                "DateTrunc('month', [Order Date])",
                datetime=True,
            ),
            _REVENUE,
        ),
        viz="line",
        group_by=("substr(order_date, 1, 7)",),
        order_by="substr(order_date, 1, 7)",
    ),
    ElementKind(
        "category_revenue",
        "Revenue by Category",
        "visualization",
        (_CATEGORY, _REVENUE),
        viz="bar",
        group_by=("category",),
        order_by="category",
    ),
    ElementKind(
        "segment_mix",
        "Revenue by Segment",
        "visualization",
        (_base("Segment", "segment"), _REVENUE),
        viz="pie",
        group_by=("segment",),
        order_by="segment",
    ),
    ElementKind(
        "region_targets",
        "Regional Targets",
        "input-table",
        (
            Col("Region", "Region", "[Region]"),
            Col("Quarter", "Quarter", "[Quarter]"),
            Col("Target", "Target", "[Target]", True),
            Col("Notes", "Notes", "[Notes]"),
        ),
        rows=tuple(
            (region, quarter, target, "")
            for region, base in (
                ("Northeast", 410_000),
                ("Southeast", 365_000),
                ("Midwest", 330_000),
                ("Southwest", 290_000),
                ("West", 455_000),
            )
            for quarter, target in (("2026-Q1", base), ("2026-Q2", int(base * 1.08)))
        ),
    ),
    ElementKind(
        "forecast_adjustments",
        "Forecast Adjustments",
        "input-table",
        (
            Col("Category", "Category", "[Category]"),
            Col("Adjustment %", "Adjustment %", "[Adjustment %]", True),
            Col("Comment", "Comment", "[Comment]"),
        ),
        rows=(
            ("Apparel", 4.0, "Fall line launches early"),
            ("Footwear", -2.5, "Supplier delay"),
            ("Camping", 6.0, "Summer campaign"),
            ("Climbing", 0.0, ""),
            ("Cycling", -5.0, "Fewer gravel bikes in stock"),
            ("Accessories", 1.5, ""),
        ),
    ),
    ElementKind("notes", "Notes", "text"),
    *(
        ElementKind(f"control:{spec.control_id}", spec.name, "control", control_id=spec.control_id)
        for spec in CONTROLS.values()
    ),
]
ELEMENT_KINDS: dict[str, ElementKind] = {kind.key: kind for kind in _KINDS}


def column_id(label: str) -> str:
    """A column's id within its element: ``Unit Price`` -> ``UNIT_PRICE``."""
    return re.sub(r"[^A-Z0-9]+", "_", label.upper()).strip("_")


def query(kind: ElementKind, filters: Iterable[Predicate]) -> tuple[str, list[object]]:
    """The SELECT that yields ``kind``'s rows over ds_order_lines, with ``filters`` applied
    before any grouping (as a Sigma control filters the source of a pivot or chart)."""
    select = ", ".join(f'{c.sql} AS "{c.label}"' for c in kind.columns)
    args: list[object] = []
    clauses = []
    for clause, values in filters:
        clauses.append(f"({clause})")
        args.extend(values)
    return order_lines_query(select, clauses, kind.group_by, kind.order_by), args

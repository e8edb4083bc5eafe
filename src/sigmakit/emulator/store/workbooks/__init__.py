"""Workbooks: one store in three modules. :mod:`.store` (the ``workbooks`` table, the
``/v2/workbooks`` operations, version tags), :mod:`.pages` (pages, elements, their columns
and rows) and :mod:`.layout` (laying a workbook's pages and elements down). The tables are
this package's: the table-ownership check counts the package as their one owner. A
workbook's code representation is a store of its own, :mod:`..workbook_contents`."""

from .store import SCHEMA, LaidElement, LaidPage, PageSpec, WorkbookStore

__all__ = ["SCHEMA", "LaidElement", "LaidPage", "PageSpec", "WorkbookStore"]

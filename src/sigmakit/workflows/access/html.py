"""The access review as one self-contained HTML file: no network needed to open it, every
value escaped, its tables sortable (click a heading) and filterable (type in the box) by a
little inline script."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html import escape
from pathlib import Path
from typing import Any

from .diff import AccessChange
from .model import AccessReview, write_new

__all__ = ["render_html", "write_html"]

_ROW_COLUMNS = (
    ("email", "Member"),
    ("accountType", "Account type"),
    ("kind", "Kind"),
    ("path", "Path"),
    ("permission", "Permission"),
    ("granted", "Granted"),
    ("ceiling", "Ceiling"),
    ("why", "Why"),
)
_FINDING_COLUMNS = (("finding", "Finding"), ("subject", "Subject"), ("detail", "Detail"))
_CHANGE_COLUMNS = (
    ("change", "Change"),
    ("email", "Member"),
    ("kind", "Kind"),
    ("path", "Path"),
    ("before", "Before"),
    ("after", "After"),
)

_STYLE = """
body{font:14px system-ui,sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;width:100%;margin-bottom:2em}
th,td{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f0f0f0;cursor:pointer;user-select:none}
th[aria-sort=ascending]::after{content:" \\25B2"}th[aria-sort=descending]::after{content:" \\25BC"}
input.filter{margin:.3em 0;padding:3px;width:20em}
"""

_SCRIPT = """
document.querySelectorAll('table.review').forEach(function (table) {
  var body = table.tBodies[0];
  var box = document.getElementById(table.id + '-filter');
  var count = document.getElementById(table.id + '-count');
  function shown() {
    var n = 0;
    Array.prototype.forEach.call(body.rows, function (r) { if (!r.hidden) n++; });
    count.textContent = n + ' of ' + body.rows.length;
  }
  box.addEventListener('input', function () {
    var words = box.value.toLowerCase().split(/\\s+/).filter(Boolean);
    Array.prototype.forEach.call(body.rows, function (r) {
      var text = r.textContent.toLowerCase();
      r.hidden = !words.every(function (w) { return text.indexOf(w) >= 0; });
    });
    shown();
  });
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
    th.addEventListener('click', function () {
      var up = th.getAttribute('aria-sort') !== 'ascending';
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (o) {
        o.removeAttribute('aria-sort');
      });
      th.setAttribute('aria-sort', up ? 'ascending' : 'descending');
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[i].textContent, y = b.cells[i].textContent;
        return (up ? 1 : -1) * x.localeCompare(y, undefined, {numeric: true});
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  shown();
});
"""


def _cell(value: Any) -> str:
    return "" if value is None else escape(str(value), quote=True)


def _table(
    table_id: str,
    title: str,
    columns: Sequence[tuple[str, str]],
    rows: Iterable[Mapping[str, Any]],
) -> str:
    head = "".join(f"<th>{escape(label)}</th>" for _, label in columns)
    body = "\n".join(
        "<tr>" + "".join(f"<td>{_cell(row.get(key))}</td>" for key, _ in columns) + "</tr>"
        for row in rows
    )
    return (
        f'<h2>{escape(title)}</h2>\n<input class="filter" id="{table_id}-filter" '
        f'type="search" placeholder="Filter" aria-label="Filter {escape(title)}"> '
        f'<span id="{table_id}-count"></span>\n'
        f'<table class="review" id="{table_id}"><thead><tr>{head}</tr></thead>\n'
        f"<tbody>\n{body}\n</tbody></table>\n"
    )


def render_html(review: AccessReview, changes: Sequence[AccessChange] | None = None) -> str:
    scope = ", ".join(f"{k}: {', '.join(map(str, v))}" for k, v in review.scope.items())
    parts = [
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
        "<title>Sigma access review</title>",
        f"<style>{_STYLE}</style></head><body>",
        "<h1>Sigma access review</h1>",
        f"<p>Scope: {_cell(scope or 'the whole organization')}. "
        f"{len(review.rows)} rows for {len({r.member_id for r in review.rows})} members; "
        f"{len(review.findings)} findings.</p>",
    ]
    if changes is not None:
        parts.append(_table("changes", "Changes", _CHANGE_COLUMNS, (c.to_dict() for c in changes)))
    parts.append(
        _table("findings", "Findings", _FINDING_COLUMNS, (f.to_dict() for f in review.findings))
    )
    parts.append(_table("access", "Access", _ROW_COLUMNS, (r.to_dict() for r in review.rows)))
    parts.append(f"<script>{_SCRIPT}</script>\n</body></html>\n")
    return "\n".join(parts)


def write_html(
    review: AccessReview,
    path: Path,
    *,
    force: bool = False,
    changes: Sequence[AccessChange] | None = None,
) -> None:
    """Write the report; an existing file only with ``force``."""
    write_new(path, render_html(review, changes), force=force)

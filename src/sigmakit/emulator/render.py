"""Export files: CSV, JSON, JSONL and XLSX with the rows, a PDF that shows them as tables
(fpdf2), a PNG chart (matplotlib, Agg). The heavy libraries load on first use."""

from __future__ import annotations

import csv
import io
import json
import re
import threading
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

__all__ = ["CONTENT_TYPES", "PDF_MAX_ROWS", "Section", "render"]

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "jsonl": "application/jsonl",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "png": "image/png",
}
#: rows of one element shown in a PDF (Sigma's PDFs show what a page shows, not every row)
PDF_MAX_ROWS = 200
DEFAULT_PNG = (1200, 800)
_CHART_LOCK = threading.Lock()


@dataclass(frozen=True)
class Section:
    """One element's data: its name, type, chart type, columns and rows."""

    title: str
    type: str
    viz: str | None
    columns: Sequence[str]
    numeric: Sequence[bool]
    rows: Sequence[tuple[Any, ...]]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def render(
    fmt: str,
    sections: Sequence[Section],
    *,
    title: str,
    layout: str = "portrait",
    size: tuple[int | None, int | None] = (None, None),
) -> bytes:
    """The file's bytes. csv/json/jsonl take one section; the others any number."""
    if fmt == "csv":
        return _csv(sections[0])
    if fmt == "json":
        return json.dumps(sections[0].records(), default=str).encode()
    if fmt == "jsonl":
        return "".join(json.dumps(r, default=str) + "\n" for r in sections[0].records()).encode()
    if fmt == "xlsx":
        return _xlsx(sections)
    if fmt == "pdf":
        return _pdf(sections, title=title, landscape=layout == "landscape")
    if fmt == "png":
        width, height = size
        return _png(sections, title, width or DEFAULT_PNG[0], height or DEFAULT_PNG[1])
    raise ValueError(f"unknown format {fmt}")


def _csv(section: Section) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(section.columns)
    writer.writerows(["" if v is None else v for v in row] for row in section.rows)
    return out.getvalue().encode()


# ----- XLSX: the few parts of Office Open XML a spreadsheet needs -----

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_STYLES = (
    f'<styleSheet xmlns="{_MAIN}">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def _col_name(n: int) -> str:
    name = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        name = chr(65 + r) + name
    return name


def _cell(ref: str, value: Any, style: int = 0) -> str:
    s = f' s="{style}"' if style else ""
    if value is None:
        return ""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"{s}><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"{s}><v>{value!r}</v></c>'
    text = escape(str(value))
    return f'<c r="{ref}" t="inlineStr"{s}><is><t xml:space="preserve">{text}</t></is></c>'


def _sheet(section: Section) -> str:
    lines = [
        f'<row r="1">{"".join(_cell(f"{_col_name(i)}1", c, 1) for i, c in enumerate(section.columns))}</row>'
    ]
    for n, row in enumerate(section.rows, start=2):
        cells = "".join(_cell(f"{_col_name(i)}{n}", v) for i, v in enumerate(row))
        lines.append(f'<row r="{n}">{cells}</row>')
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{_MAIN}">'
        f"<sheetData>{''.join(lines)}</sheetData></worksheet>"
    )


def _sheet_names(sections: Sequence[Section]) -> list[str]:
    """Excel's rules: at most 31 characters, none of ``[]:*?/\\``, unique."""
    names: list[str] = []
    for s in sections:
        base = re.sub(r"[\[\]:*?/\\]", "_", s.title)[:31] or "Sheet"
        name, n = base, 2
        while name.lower() in (x.lower() for x in names):
            suffix = f" ({n})"
            name, n = base[: 31 - len(suffix)] + suffix, n + 1
        names.append(name)
    return names


def _xlsx(sections: Sequence[Section]) -> bytes:
    names = _sheet_names(sections)
    sheets = range(1, len(sections) + 1)
    content_types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        + "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in sheets
        )
        + "</Types>"
    )
    root_rels = (
        f'<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
        f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    workbook = (
        f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
        + "".join(
            f'<sheet name="{escape(name, {chr(34): "&quot;"})}" sheetId="{i}" r:id="rId{i}"/>'
            for i, name in zip(sheets, names, strict=True)
        )
        + "</sheets></workbook>"
    )
    workbook_rels = (
        f'<Relationships xmlns="{_PKG_REL}">'
        + "".join(
            f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in sheets
        )
        + f'<Relationship Id="rId{len(sections) + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
        + "</Relationships>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", content_types)
        z.writestr("_rels/.rels", root_rels)
        z.writestr("xl/workbook.xml", workbook)
        z.writestr("xl/_rels/workbook.xml.rels", workbook_rels)
        z.writestr("xl/styles.xml", _STYLES)
        for i, section in zip(sheets, sections, strict=True):
            z.writestr(f"xl/worksheets/sheet{i}.xml", _sheet(section))
    return buf.getvalue()


# ----- PDF -----


def _latin1(value: Any) -> str:
    text = "" if value is None else f"{value:,.2f}" if isinstance(value, float) else str(value)
    return text.encode("latin-1", "replace").decode("latin-1")


def _pdf(sections: Sequence[Section], *, title: str, landscape: bool) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(orientation="L" if landscape else "P", format="A4")
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.set_title(_latin1(title))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.cell(0, 10, _latin1(title), new_x="LMARGIN", new_y="NEXT")
    for section in sections:
        pdf.set_font("Helvetica", "B", 11)
        pdf.cell(0, 8, _latin1(section.title), new_x="LMARGIN", new_y="NEXT")
        if section.type == "visualization" and section.rows:
            chart = _png([section], "", 900, 420, single=True)
            pdf.image(io.BytesIO(chart), w=pdf.epw * 0.8)
        pdf.set_font("Helvetica", size=7)
        shown = section.rows[:PDF_MAX_ROWS]
        cells = [[_latin1(c) for c in section.columns], *([_latin1(v) for v in r] for r in shown)]
        widths = [
            max(pdf.get_string_width(row[i]) for row in cells) + 3
            for i in range(len(section.columns))
        ]
        aligns = tuple("RIGHT" if n else "LEFT" for n in section.numeric)
        with pdf.table(
            width=min(sum(widths), pdf.epw),
            col_widths=tuple(widths),
            first_row_as_headings=True,
            line_height=4,
            text_align=aligns,
        ) as table:
            for row in cells:
                table.row(row)
        if len(section.rows) > len(shown):
            pdf.set_font("Helvetica", "I", 7)
            more = len(section.rows) - len(shown)
            pdf.cell(0, 6, f"... and {more:,} more rows", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    return bytes(pdf.output())


# ----- PNG -----


def _chart_points(section: Section, limit: int = 20) -> tuple[list[str], list[float]]:
    """Labels and values to draw: the first text column against the last numeric one,
    summed per label, biggest first (series in order for a line chart)."""
    cols = range(len(section.columns))
    value_col = max((i for i in cols if section.numeric[i]), default=None)
    label_col = next((i for i in cols if not section.numeric[i]), None)
    if value_col is None:
        return [], []
    totals: dict[str, float] = {}
    for row in section.rows:
        label = "(null)" if label_col is None or row[label_col] is None else str(row[label_col])
        totals[label] = totals.get(label, 0.0) + float(row[value_col] or 0)
    if section.viz == "line":
        return list(totals), list(totals.values())
    top = sorted(totals.items(), key=lambda kv: -kv[1])[:limit]
    return [k for k, _ in top], [v for _, v in top]


def _png(
    sections: Sequence[Section], title: str, width: int, height: int, single: bool = False
) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    data = [s for s in sections if s.columns] or list(sections[:1])
    with _CHART_LOCK:
        fig = Figure(figsize=(width / 100, height / 100), dpi=100)
        FigureCanvasAgg(fig)
        if title and not single and not (len(data) == 1 and data[0].title == title):
            fig.suptitle(title)
        columns = 1 if len(data) == 1 else 2
        rows = (len(data) + columns - 1) // columns or 1
        for n, section in enumerate(data, start=1):
            ax = fig.add_subplot(rows, columns, n)
            ax.set_title(section.title, fontsize=9)
            labels, values = _chart_points(section)
            if not values:
                ax.text(0.5, 0.5, "No data", ha="center", va="center")
                ax.set_axis_off()
            elif section.viz == "pie" and all(v >= 0 for v in values) and sum(values) > 0:
                ax.pie(values, labels=labels, textprops={"fontsize": 7})
            elif section.viz == "line":
                ax.plot(labels, values, marker=".")
                step = max(1, len(labels) // 8)
                ax.set_xticks(range(0, len(labels), step), labels[::step], fontsize=7)
            else:
                ax.barh(labels[::-1], values[::-1])
                ax.tick_params(labelsize=7)
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=100)
    return buf.getvalue()

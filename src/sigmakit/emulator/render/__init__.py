"""Export files: CSV, JSON, JSONL and XLSX with the rows, a PDF that shows them as tables
(fpdf2), a PNG chart (Pillow, which fpdf2 brings). The heavy libraries load on first use."""

from __future__ import annotations

import csv
import io
import json
import math
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any
from xml.sax.saxutils import escape

__all__ = [
    "CONTENT_TYPES",
    "PDF_MAX_ROWS",
    "STREAMED",
    "Section",
    "render",
    "render_rows",
    "write_rows",
]

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "jsonl": "application/jsonl",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "png": "image/png",
}
#: the formats written a batch of rows at a time (one element's rows, nothing around them)
STREAMED = ("csv", "json", "jsonl")
#: rows of one element shown in a PDF (Sigma's PDFs show what a page shows, not every row)
PDF_MAX_ROWS = 200
DEFAULT_PNG = (1200, 800)


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
    if fmt in STREAMED:
        return b"".join(render_rows(fmt, sections[0].columns, [sections[0].rows]))
    if fmt == "xlsx":
        return _xlsx(sections)
    if fmt == "pdf":
        return _pdf(sections, title=title, landscape=layout == "landscape")
    if fmt == "png":
        width, height = size
        return _png(sections, title, width or DEFAULT_PNG[0], height or DEFAULT_PNG[1])
    raise ValueError(f"unknown format {fmt}")


def render_rows(
    fmt: str, columns: Sequence[str], batches: Iterable[Sequence[Sequence[Any]]]
) -> Iterator[bytes]:
    """A CSV, JSON or JSONL file of one element's rows, as bytes, a batch of rows at a time:
    the file is sent as it is made, however many rows (the same bytes as made whole)."""
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")  # None is written as ""
        writer.writerow(columns)
        for rows in batches:
            writer.writerows(rows)
            yield out.getvalue().encode()
            out.seek(0)
            out.truncate()
        if out.tell():  # no rows at all: the header alone
            yield out.getvalue().encode()
    elif fmt in ("json", "jsonl"):
        # json: an array written as json.dumps writes one (items apart by ", ")
        opening, between, closing, after = (
            ("[", ", ", "]", "") if fmt == "json" else ("", "", "", "\n")
        )
        dumps = json.JSONEncoder(default=str).encode
        names = list(columns)
        first = True
        yield opening.encode()
        for rows in batches:
            lead = "" if first else between
            text = between.join(dumps(dict(zip(names, row, strict=True))) + after for row in rows)
            if text:
                first = False
                yield (lead + text).encode()
        yield closing.encode()
    else:
        raise ValueError(f"{fmt} is not written row by row")


def write_rows(
    fmt: str, columns: Sequence[str], batches: Iterable[Sequence[Sequence[Any]]], out: IO[bytes]
) -> None:
    """:func:`render_rows` written to ``out`` (the same bytes). A CSV's writer writes straight
    into the file's buffer: a fifth less CPU than the text of each batch kept, then encoded."""
    if fmt != "csv":
        for chunk in render_rows(fmt, columns, batches):
            out.write(chunk)
        return
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=False)
    try:
        writer = csv.writer(text, lineterminator="\r\n")  # None is written as ""
        writer.writerow(columns)
        for rows in batches:
            writer.writerows(rows)
        text.flush()
    finally:
        text.detach()  # ``out`` stays the caller's to close


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


_PALETTE = (
    (31, 119, 180),
    (255, 127, 14),
    (44, 160, 44),
    (214, 39, 40),
    (148, 103, 189),
    (140, 86, 75),
    (227, 119, 194),
    (127, 127, 127),
    (188, 189, 34),
    (23, 190, 207),
)
_INK = (40, 40, 40)
_GRID = (225, 225, 225)


def _font(size: int) -> Any:
    from PIL import ImageFont

    try:
        return ImageFont.load_default(size=size)  # a scalable font where FreeType is there
    except (TypeError, OSError):  # pragma: no cover - an old Pillow or no FreeType
        return ImageFont.load_default()


def _tick(value: float) -> str:
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:.3g}M"
    if abs(value) >= 1_000:
        return f"{value / 1_000:.3g}k"
    return f"{value:.3g}"


def _fit(draw: Any, text: str, font: Any, width: float) -> str:
    """The text, cut with an ellipsis to fit ``width`` pixels."""
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text + "…"


def _nice_max(value: float) -> float:
    """A round axis end at or above ``value``: 1, 2, 2.5 or 5 times a power of ten."""
    if value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power  # pragma: no cover


def _panel(draw: Any, box: tuple[int, int, int, int], section: Section, scale: float) -> None:
    """One element's chart in ``box``: its title, axes with ticks, and bars, a line or a pie."""
    left, top, right, bottom = box
    title_font, font = _font(round(15 * scale)), _font(round(11 * scale))
    title = _fit(draw, section.title, title_font, right - left - 10)
    draw.text(((left + right) / 2, top + 4), title, fill=_INK, font=title_font, anchor="ma")
    top += round(28 * scale)
    labels, values = _chart_points(section)
    if not values:
        draw.text(
            ((left + right) / 2, (top + bottom) / 2), "No data", fill=_INK, font=font, anchor="mm"
        )
        return
    if section.viz == "pie" and all(v >= 0 for v in values) and sum(values) > 0:
        _pie(draw, (left, top, right, bottom), labels, values, font)
        return
    low = min(0.0, min(values))
    high = _nice_max(max(values)) if max(values) > 0 else 0.0
    if high == low:
        high = low + 1
    if section.viz == "line":
        _line(draw, (left, top, right, bottom), labels, values, (low, high), font)
    else:
        _bars(draw, (left, top, right, bottom), labels, values, (low, high), font)


def _bars(
    draw: Any,
    box: tuple[int, int, int, int],
    labels: Sequence[str],
    values: Sequence[float],
    span: tuple[float, float],
    font: Any,
) -> None:
    """Horizontal bars, biggest on top, labels on the left, a value axis below."""
    left, top, right, bottom = box
    widest = max(float(draw.textlength(t, font=font)) for t in labels)
    label_width = min((right - left) * 0.35, widest + 8)
    x0, x1, y0, y1 = left + label_width + 4, right - 12, top, bottom - 22
    low, high = span

    def x(v: float) -> float:
        return x0 + (v - low) / (high - low) * (x1 - x0)

    for k in range(6):  # value grid and ticks
        v = low + (high - low) * k / 5
        draw.line([(x(v), y0), (x(v), y1)], fill=_GRID)
        draw.text((x(v), y1 + 4), _tick(v), fill=_INK, font=font, anchor="ma")
    slot = (y1 - y0) / len(values)
    for n, (label, value) in enumerate(zip(labels, values, strict=True)):
        cy = y0 + slot * (n + 0.5)
        half = max(1.0, slot * 0.35)
        a, b = sorted((x(0), x(value)))
        draw.rectangle([a, cy - half, max(b, a + 1), cy + half], fill=_PALETTE[0])
        text = _fit(draw, label, font, label_width - 8)
        draw.text((x0 - 6, cy), text, fill=_INK, font=font, anchor="rm")
    draw.line([(x0, y0), (x0, y1)], fill=_INK)
    draw.line([(x0, y1), (x1, y1)], fill=_INK)


def _line(
    draw: Any,
    box: tuple[int, int, int, int],
    labels: Sequence[str],
    values: Sequence[float],
    span: tuple[float, float],
    font: Any,
) -> None:
    """A series in order: points joined by a line, a value axis on the left."""
    left, top, right, bottom = box
    low, high = span
    axis_width = (
        max(draw.textlength(_tick(low + (high - low) * k / 5), font=font) for k in range(6)) + 10
    )
    x0, x1, y0, y1 = left + axis_width, right - 16, top, bottom - 22

    def y(v: float) -> float:
        return y1 - (v - low) / (high - low) * (y1 - y0)

    for k in range(6):
        v = low + (high - low) * k / 5
        draw.line([(x0, y(v)), (x1, y(v))], fill=_GRID)
        draw.text((x0 - 5, y(v)), _tick(v), fill=_INK, font=font, anchor="rm")
    step_x = (x1 - x0) / max(1, len(values) - 1)
    points = [
        (x0 + step_x * n if len(values) > 1 else (x0 + x1) / 2, y(v)) for n, v in enumerate(values)
    ]
    if len(points) > 1:
        draw.line(points, fill=_PALETTE[0], width=2)
    for px, py in points:
        draw.ellipse([px - 3, py - 3, px + 3, py + 3], fill=_PALETTE[0])
    widest = max(draw.textlength(t, font=font) for t in labels) + 10
    every = max(1, math.ceil(widest / max(step_x, 1)))
    for n in range(0, len(labels), every):
        text = _fit(draw, labels[n], font, step_x * every - 4)
        draw.text((points[n][0], y1 + 4), text, fill=_INK, font=font, anchor="ma")
    draw.line([(x0, y0), (x0, y1)], fill=_INK)
    draw.line([(x0, y1), (x1, y1)], fill=_INK)


def _pie(
    draw: Any,
    box: tuple[int, int, int, int],
    labels: Sequence[str],
    values: Sequence[float],
    font: Any,
) -> None:
    """Slices from twelve o'clock, clockwise, with a legend of label and share on the right."""
    left, top, right, bottom = box
    size = min(bottom - top, (right - left) * 0.6) - 8
    cx, cy = left + 4 + size / 2, (top + bottom) / 2
    total = sum(values)
    start = -90.0
    legend_x = cx + size / 2 + 16
    line = max(12, round((bottom - top) / max(len(values), 1)))
    line = min(line, 18)
    for n, (label, value) in enumerate(zip(labels, values, strict=True)):
        colour = _PALETTE[n % len(_PALETTE)]
        end = start + 360 * value / total
        if end > start:
            draw.pieslice(
                [cx - size / 2, cy - size / 2, cx + size / 2, cy + size / 2],
                start,
                end,
                fill=colour,
                outline="white",
            )
        start = end
        ly = top + n * line
        if ly + line > bottom:
            continue
        draw.rectangle([legend_x, ly + 2, legend_x + 10, ly + 12], fill=colour)
        text = _fit(draw, f"{label} ({value / total:.0%})", font, right - legend_x - 18)
        draw.text((legend_x + 16, ly), text, fill=_INK, font=font)


def _png(
    sections: Sequence[Section], title: str, width: int, height: int, single: bool = False
) -> bytes:
    """A chart per element in a grid (one or two columns), the workbook's title on top."""
    from PIL import Image, ImageDraw

    data = [s for s in sections if s.columns] or list(sections[:1])
    scale = max(0.9, min(1.5, min(width / 1200, height / 800) * 1.4))
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    top = 0
    if title and not single and not (len(data) == 1 and data[0].title == title):
        font = _font(round(20 * scale))
        draw.text(
            (width / 2, 8), _fit(draw, title, font, width - 16), fill=_INK, font=font, anchor="ma"
        )
        top = round(36 * scale)
    columns = 1 if len(data) == 1 else 2
    rows = (len(data) + columns - 1) // columns or 1
    cell_w, cell_h = width / columns, (height - top) / rows
    pad = round(10 * scale)
    for n, section in enumerate(data):
        r, c = divmod(n, columns)
        box = (
            round(c * cell_w + pad),
            round(top + r * cell_h + pad),
            round((c + 1) * cell_w - pad),
            round(top + (r + 1) * cell_h - pad),
        )
        _panel(draw, box, section, scale)
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    return buf.getvalue()

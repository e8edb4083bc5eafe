"""Export files: CSV, JSON, JSONL and XLSX with the rows, a PDF that shows them as tables
(fpdf2), a PNG chart (Pillow, which fpdf2 brings). The heavy libraries load on first use.

The XLSX writer is in :mod:`.sheets`, the charts in :mod:`.charts`; the PDF (a few lines
over fpdf2) and the row formats are here."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any

from .charts import png
from .section import Section
from .sheets import xlsx

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
        return xlsx(sections)
    if fmt == "pdf":
        return _pdf(sections, title=title, landscape=layout == "landscape")
    if fmt == "png":
        width, height = size
        return png(sections, title, width or DEFAULT_PNG[0], height or DEFAULT_PNG[1])
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
            chart = png([section], "", 900, 420, single=True)
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

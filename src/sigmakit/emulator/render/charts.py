"""PNG export files: a chart per element (bars, a line or a pie) drawn with Pillow, which
loads on first use."""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from typing import Any

from .section import Section

__all__ = ["png"]


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


def png(
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

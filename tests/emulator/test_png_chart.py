"""The PNG chart is drawn with Pillow (which fpdf2 brings), without matplotlib."""

from __future__ import annotations

import io
import sys

import pytest
from PIL import Image

from sigmakit.emulator.render import Section, render

BARS = Section(
    "Revenue by Category", "table", "bar", ("Category", "Revenue"), (False, True),
    (("Apparel", 1977266.0), ("Accessories", 1627601.0), ("Home", 802211.5)),
)  # fmt: skip
LINE = Section(
    "Monthly Revenue", "table", "line", ("Month", "Revenue"), (False, True),
    tuple((f"2025-{m:02d}", 1000.0 * m) for m in range(1, 13)),
)  # fmt: skip
PIE = Section(
    "Share", "table", "pie", ("Region", "Revenue"), (False, True),
    (("East", 3.0), ("West", 1.0)),
)  # fmt: skip


def test_charts_render_without_matplotlib(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # any import of it now fails
    for sections in ([BARS], [LINE], [PIE], [BARS, LINE, PIE]):
        png = render("png", sections, title="Sales Overview", size=(800, 500))
        image = Image.open(io.BytesIO(png))
        assert image.format == "PNG" and image.size == (800, 500)


def test_a_bar_chart_has_bars_in_proportion() -> None:
    image = Image.open(io.BytesIO(render("png", [BARS], title=BARS.title, size=(900, 400))))
    rgb = image.convert("RGB")
    bar_colour = (31, 119, 180)
    rows: dict[int, int] = {}
    for y in range(rgb.height):
        width = sum(1 for x in range(rgb.width) if rgb.getpixel((x, y)) == bar_colour)
        if width:
            rows[y] = width
    widths = sorted(set(rows.values()), reverse=True)
    # three bars, the longest for the biggest value, lengths as the values go
    assert len(widths) == 3
    assert widths[1] / widths[0] == pytest.approx(1627601 / 1977266, abs=0.02)
    assert widths[2] / widths[0] == pytest.approx(802211.5 / 1977266, abs=0.02)


def test_an_empty_element_says_no_data() -> None:
    empty = Section("Nothing", "table", "bar", ("A", "B"), (False, True), ())
    image = Image.open(io.BytesIO(render("png", [empty], title="Nothing", size=(300, 200))))
    assert len(image.convert("L").getcolors(maxcolors=100_000) or []) > 1

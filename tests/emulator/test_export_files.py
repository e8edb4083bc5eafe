"""Exported files are real: XLSX read back with openpyxl, PDF with pypdf, PNG with Pillow."""

from __future__ import annotations

import io
from typing import Any

import httpx
import openpyxl
import pypdf
from PIL import Image
from tests.support.workbook_helpers import export_now

from sigmakit.emulator import EmulatorServer

WEST_CYCLING = {"Region": "West", "Category": "Cycling", "DateFilter": "min:2025-11-01,max:"}
WHERE = "region = 'West' AND category = 'Cycling' AND order_date >= '2025-11-01'"


def test_png_is_a_chart_of_the_requested_size(
    api: httpx.Client, emulator: EmulatorServer, sales: dict[str, Any]
) -> None:
    response = export_now(
        api,
        emulator,
        sales["id"],
        elementId=sales["Revenue by Category"]["elementId"],
        format={"type": "png", "pixelWidth": 640, "pixelHeight": 360},
    )
    assert response.headers["content-type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    image.verify()
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG"
    assert image.size == (640, 360)
    colors = image.convert("RGB").getcolors(maxcolors=1_000_000) or []
    assert len(colors) > 10  # a drawing, not a blank canvas


def test_page_and_workbook_exports(
    api: httpx.Client, emulator: EmulatorServer, sales: dict[str, Any]
) -> None:
    page = export_now(
        api, emulator, sales["id"], pageId=sales["Top Products"]["pageId"], format={"type": "xlsx"}
    )
    book = openpyxl.load_workbook(io.BytesIO(page.content))
    assert book.sheetnames == [
        "Store Performance",
        "Revenue by Region and Category",
        "Top Products",
    ]
    png = export_now(
        api,
        emulator,
        sales["id"],
        pageId=sales["Monthly Revenue"]["pageId"],
        format={"type": "png"},
    )
    assert Image.open(io.BytesIO(png.content)).size == (1200, 800)
    whole = export_now(
        api,
        emulator,
        sales["id"],
        format={"type": "pdf", "layout": "portrait"},
        parameters={"DateFilter": "min:2025-12-01,max:2025-12-31", "Region": "West"},
    )
    reader = pypdf.PdfReader(io.BytesIO(whole.content))
    text = "\n".join(p.extract_text() for p in reader.pages)
    for title in ("Monthly Revenue", "Orders", "Top Products", "Regional Targets"):
        assert title in text
    assert 'filename="Sales Overview.pdf"' in whole.headers["content-disposition"]

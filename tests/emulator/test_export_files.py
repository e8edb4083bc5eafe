"""Exported files are real: XLSX read back with openpyxl, PDF with pypdf, PNG with Pillow."""

from __future__ import annotations

import io
import json
from typing import Any

import httpx
import openpyxl
import pypdf
from PIL import Image
from tests.support.workbook_helpers import dataset, export_now

from sigmakit.emulator import EmulatorServer

WEST_CYCLING = {"Region": "West", "Category": "Cycling", "DateFilter": "min:2025-11-01,max:"}
WHERE = "region = 'West' AND category = 'Cycling' AND order_date >= '2025-11-01'"


def test_xlsx_holds_the_selected_rows(
    api: httpx.Client, emulator: EmulatorServer, sales: dict[str, Any]
) -> None:
    response = export_now(
        api,
        emulator,
        sales["id"],
        elementId=sales["Orders"]["elementId"],
        format={"type": "xlsx"},
        parameters=WEST_CYCLING,
    )
    assert response.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Orders"]
    rows = list(book["Orders"].iter_rows(values_only=True))
    assert rows[0][:3] == ("Order Id", "Order Date", "Region")
    want = dataset(
        emulator,
        "SELECT order_id, order_date, region, store, category, product, segment, quantity, "
        f"unit_price, discount, revenue FROM ds_order_lines WHERE {WHERE} "
        "ORDER BY order_date, order_id",
    )
    assert rows[1:] == want
    assert want


def test_pdf_shows_the_rows_as_a_table(
    api: httpx.Client, emulator: EmulatorServer, sales: dict[str, Any]
) -> None:
    response = export_now(
        api,
        emulator,
        sales["id"],
        elementId=sales["Orders"]["elementId"],
        format={"type": "pdf", "layout": "landscape"},
        parameters=WEST_CYCLING,
    )
    assert response.headers["content-type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    page = reader.pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Order Id" in text and "Revenue" in text
    for order_id, order_date, store in dataset(
        emulator, f"SELECT order_id, order_date, store FROM ds_order_lines WHERE {WHERE}"
    ):
        assert str(order_id) in text
        assert order_date in text
        assert store in text


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


def test_json_and_jsonl_agree(
    api: httpx.Client, emulator: EmulatorServer, sales: dict[str, Any]
) -> None:
    body = {"elementId": sales["Store Performance"]["elementId"], "parameters": WEST_CYCLING}
    as_json = export_now(api, emulator, sales["id"], format={"type": "json"}, **body).json()
    as_jsonl = export_now(api, emulator, sales["id"], format={"type": "jsonl"}, **body).text
    assert as_json == [json.loads(line) for line in as_jsonl.splitlines()]
    assert [r["Store"] for r in as_json] == [
        r[0]
        for r in dataset(
            emulator, f"SELECT DISTINCT store FROM ds_order_lines WHERE {WHERE} ORDER BY store"
        )
    ]

"""Export files whose rows are checked against the emulator's own dataset."""

from __future__ import annotations

import io
import json
from typing import Any

import httpx
import openpyxl
import pypdf
from tests.internals.peek import dataset
from tests.support.workbook_helpers import export_now

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

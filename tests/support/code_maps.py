"""Documents for the tests that apply code files or promote across organizations: a
workbook reading a data model element, a warehouse table and custom SQL, built through the
API of the demo organization."""

from __future__ import annotations

from typing import Any

from sigmakit import Sigma

__all__ = ["build_source_workbook", "retail"]


def retail(sigma: Sigma) -> tuple[str, dict[str, Any]]:
    model = next(m for m in sigma.data_models.list() if m.name == "Retail Sales")
    return model.data_model_id, sigma.data_models.get_spec(model.data_model_id)


def build_source_workbook(sigma: Sigma) -> dict[str, Any]:
    """A workbook reading a data model element, a warehouse table and custom SQL."""
    model_id, spec = retail(sigma)
    elements = spec["pages"][0]["elements"]
    orders = next(e for e in elements if e["source"]["kind"] == "warehouse-table")
    lines = next(e for e in elements if e["name"] == "Order Lines")
    connection = orders["source"]["connectionId"]
    contents = {
        "pages": [
            {
                "id": "promoPage",
                "name": "Promoted",
                "elements": [
                    {
                        "id": "promoLines",
                        "kind": "table",
                        "name": "Lines",
                        "source": {
                            "kind": "data-model",
                            "dataModelId": model_id,
                            "elementId": lines["id"],
                        },
                        "columns": [{"id": "REV", "formula": "[Revenue]", "name": "Revenue"}],
                    },
                    {
                        "id": "promoOrders",
                        "kind": "table",
                        "name": "Orders",
                        "source": orders["source"],
                    },
                    {
                        "id": "promoSql",
                        "kind": "table",
                        "name": "By SQL",
                        "source": {
                            "kind": "sql",
                            "connectionId": connection,
                            "statement": "select 1",
                        },
                    },
                ],
            }
        ]
    }
    folder = sigma.workbooks.get_contents(
        next(w.workbook_id for w in sigma.workbooks.list() if w.name == "Sales Overview")
    )["folderId"]
    made = sigma.workbooks.create_from_contents(contents, name="Promoted", folder_id=folder)
    return {"folder": folder, "connection": connection, "model": model_id, "lines": lines, **made}

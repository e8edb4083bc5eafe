"""Workbook pages counted in the emulator's database."""

from __future__ import annotations

from tests.support.helpers import reseed

from sigmakit.emulator import EmulatorServer


def test_every_workbook_gets_the_pages_asked_for(emulator: EmulatorServer) -> None:
    """Read from the store: a reseed ends the test client's token."""
    db = emulator.state.store.db

    def pages_per_workbook() -> list[int]:
        rows = db.all(
            "SELECT count(p.page_id) FROM workbooks w JOIN inodes i ON i.id = w.workbook_id "
            "LEFT JOIN workbook_pages p ON p.workbook_id = w.workbook_id "
            "GROUP BY w.workbook_id ORDER BY i.seq"
        )
        return [r[0] for r in rows]

    def sales_overview(what: str) -> list[str]:
        return [
            r[0]
            for r in db.all(
                f"SELECT x.name FROM {what} x JOIN inodes i ON i.id = x.workbook_id "
                "WHERE i.name = 'Sales Overview' ORDER BY x.seq"
            )
        ]

    def snapshot() -> list[tuple[str, ...]]:
        rows = db.all("SELECT element_id, page_id, kind FROM workbook_elements ORDER BY seq")
        return [tuple(r) for r in rows]

    varied = set(pages_per_workbook())
    assert varied == {1, 2, 3, 4}
    elements = sales_overview("workbook_elements")
    reseed(emulator, workbooks=40, pages_per_workbook=3)
    assert pages_per_workbook() == [3] * 40
    assert sales_overview("workbook_pages") == ["Overview", "Orders", "Stores"]
    assert sales_overview("workbook_elements") == elements  # the 4th page's moved to the 3rd
    first = snapshot()
    reseed(emulator, workbooks=40, pages_per_workbook=3)
    assert snapshot() == first

    reseed(emulator, workbooks=5, pages_per_workbook=9)
    assert pages_per_workbook() == [9] * 5
    assert sales_overview("workbook_pages")[:5] == [
        "Overview",
        "Orders",
        "Stores",
        "Targets",
        "By Category",
    ]
    reseed(emulator, workbooks=36, pages_per_workbook=None)  # back to 1 to 4, varying
    assert set(pages_per_workbook()) == varied
    with emulator.control() as control:
        assert control.post("/reset", json={"pages_per_workbook": 0}).status_code == 400

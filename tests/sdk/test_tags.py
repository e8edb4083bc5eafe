"""``sigma.tags``: version tags, tagging workbook versions, a workbook's tags, tagged copies,
version history and restore, against the emulator (seeded with ``Production`` and ``Staging``,
each on a version of Sales Overview)."""

from __future__ import annotations

import pytest
from tests.support.helpers import route_count

from sigmakit import (
    BadRequestError,
    ConflictError,
    InputError,
    NotFoundError,
    Sigma,
)
from sigmakit.emulator import EmulatorServer


def test_list_and_get_by_name_or_id(sigma: Sigma, emulator: EmulatorServer) -> None:
    tags = list(sigma.tags.list(page_size=1))
    assert [t.name for t in tags][:2] == ["Production", "Staging"]
    assert route_count(emulator, "GET /v2/tags") == len(tags)
    production = sigma.tags.get("production")
    assert production.color == "grass" and production.description
    assert sigma.tags.get(production.version_tag_id) == production
    assert [t.name for t in sigma.tags.list(search="stag")] == ["Staging"]


def test_an_unknown_tag_names_the_closest_one(sigma: Sigma) -> None:
    with pytest.raises(NotFoundError) as caught:
        sigma.tags.get("Prodution")
    message = str(caught.value)
    assert "did you mean 'Production'?" in message and "Staging" in message
    assert "\n" not in message


def test_create_update_delete(sigma: Sigma) -> None:
    made = sigma.tags.create("QA", color="violet", description="Under test")
    assert sigma.tags.get("qa").version_tag_id == made.version_tag_id
    with pytest.raises(ConflictError):
        sigma.tags.create("qa", color="cyan")
    updated = sigma.tags.update("QA", description="Being tested")
    assert updated.description == "Being tested"
    assert sigma.tags.get(made.version_tag_id).description == "Being tested"
    sigma.tags.delete("QA")
    assert "QA" not in [t.name for t in sigma.tags.list()]


def test_bad_color_or_empty_name_fail_before_sending(sigma: Sigma) -> None:
    sent = sigma.requests_sent
    with pytest.raises(InputError, match="cyan, grass"):
        sigma.tags.create("Blue", color="blue")
    with pytest.raises(InputError):
        sigma.tags.create("  ")
    assert sigma.requests_sent == sent


def test_tag_a_version_then_move_the_tag(sigma: Sigma) -> None:
    workbook = sigma.workbooks.resolve("Demand Planning")
    assert workbook.latest_version >= 1
    done = sigma.tags.tag_workbook(workbook.workbook_id, "Staging")
    assert done.tagged_workbook_version == workbook.latest_version
    tags = {t.name: t for t in sigma.tags.workbook_tags(workbook.workbook_id)}
    assert tags["Staging"].source_workbook_version == workbook.latest_version
    assert workbook.workbook_id in [w.workbook_id for w in sigma.tags.workbooks("Staging")]

    moved = sigma.tags.tag_workbook(workbook.workbook_id, "Staging", version=1)
    assert moved.tagged_workbook_id == done.tagged_workbook_id
    again = [t for t in sigma.tags.workbook_tags(workbook.workbook_id) if t.name == "Staging"]
    assert len(again) == 1 and again[0].source_workbook_version == 1
    fetched = sigma.workbooks.get(workbook.workbook_id)
    assert [t.source_workbook_version for t in fetched.tags or [] if t.name == "Staging"] == [1]

    sigma.tags.untag(workbook.workbook_id, "Staging")
    assert "Staging" not in [t.name for t in sigma.tags.workbook_tags(workbook.workbook_id)]
    with pytest.raises(NotFoundError):
        sigma.tags.untag(workbook.workbook_id, "Staging")


def test_bad_version_or_unknown_tag_changes_nothing(sigma: Sigma) -> None:
    workbook = sigma.workbooks.resolve("Demand Planning")
    sent = sigma.requests_sent
    for bad in (0, -2, "two", 1.5):
        with pytest.raises(InputError):
            sigma.tags.tag_workbook(workbook.workbook_id, "Staging", version=bad)  # type: ignore[arg-type]
    assert sigma.requests_sent == sent
    with pytest.raises(BadRequestError, match="versions 1 to"):
        sigma.tags.tag_workbook(workbook.workbook_id, "Staging", version=10_000)
    with pytest.raises(NotFoundError, match="Version tag not found"):
        sigma.tags.tag_workbook(workbook.workbook_id, "Nightly")
    assert list(sigma.tags.workbook_tags(workbook.workbook_id)) == []


def test_version_history_shows_the_tags_and_restore_adds_a_version(sigma: Sigma) -> None:
    workbook = sigma.workbooks.resolve("Sales Overview")
    latest = workbook.latest_version
    history = list(sigma.tags.version_history(workbook.workbook_id, page_size=2))
    assert [v.version for v in history] == list(range(latest, 0, -1))
    marked = {m.version_tag_id: v.version for v in history for m in v.tags}
    assert marked[sigma.tags.get("Staging").version_tag_id] == latest
    assert marked[sigma.tags.get("Production").version_tag_id] == max(1, latest - 1)
    before = [(v.version, v.published_at) for v in history]

    restored = sigma.tags.restore_version(workbook.workbook_id, 1)
    assert restored.latest_version == latest + 1
    after = list(sigma.tags.version_history(workbook.workbook_id))
    assert after[0].version == latest + 1 and after[0].published_at >= history[0].published_at
    assert [(v.version, v.published_at) for v in after[1:]] == before  # nothing rewritten
    with pytest.raises(BadRequestError, match="already the latest"):
        sigma.tags.restore_version(workbook.workbook_id, latest + 1)


def test_copy_a_tagged_version(sigma: Sigma) -> None:
    workbook = sigma.workbooks.resolve("Sales Overview")
    me = sigma.whoami()
    home = sigma.members.get(me.user_id).home_folder_id
    assert home
    copy = sigma.tags.copy_tagged(
        workbook.workbook_id, "Production", destination_folder_id=home, name="Sales (prod copy)"
    )
    assert copy.name == "Sales (prod copy)" and copy.workbook_id != workbook.workbook_id
    assert sigma.workbooks.get(copy.workbook_id).latest_version == 1
    with pytest.raises(NotFoundError, match="no version tagged"):
        sigma.tags.copy_tagged(
            sigma.workbooks.resolve("Demand Planning").workbook_id,
            "Production",
            destination_folder_id=home,
            name="Nope",
        )

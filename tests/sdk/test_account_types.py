"""``sigma.account_types``: the list, one type, its permissions, and the one check member
changes and onboarding share, against the emulator."""

from __future__ import annotations

import pytest
from tests.support.helpers import route_count

from sigmakit import InputError, NotFoundError, Sigma
from sigmakit.emulator import EmulatorServer


def test_list_walks_every_page(sigma: Sigma, emulator: EmulatorServer) -> None:
    names = [t.account_type_name for t in sigma.account_types.list(page_size=2)]
    assert names == ["Admin", "Pro", "Essential", "Lite", "Creator", "Explorer", "Viewer"]
    assert route_count(emulator, "GET /v2/accountTypes") == 4
    assert len(list(sigma.account_types.list(limit=3))) == 3


def test_get_by_name_or_id_and_permissions(sigma: Sigma) -> None:
    viewer = sigma.account_types.get("viewer")
    assert viewer.account_type_name == "Viewer" and viewer.is_custom
    assert sigma.account_types.get(viewer.account_type_id) == viewer
    allowed = {p.permission for p in sigma.account_types.permissions("Viewer")}
    assert "view-workbook" in allowed and "create-workbook" not in allowed
    with pytest.raises(NotFoundError, match="Admin, Pro"):
        sigma.account_types.get("Wizard")


def test_check_gives_the_organizations_spelling_or_names_the_valid_ones(sigma: Sigma) -> None:
    assert sigma.account_types.check(" creator ") == "Creator"
    with pytest.raises(InputError) as caught:
        sigma.account_types.check("Superuser")
    message = str(caught.value)
    assert "'Superuser'" in message and "\n" not in message
    assert "Admin, Pro, Essential, Lite, Creator, Explorer, Viewer" in message
    with pytest.raises(InputError, match=r"'Veiwer' \(did you mean 'Viewer'\?\)"):
        sigma.account_types.check("Veiwer")
    with pytest.raises(InputError, match="'Wizard', 'Mage'"):
        sigma.account_types.check_all(["Lite", "Wizard", "Mage"])


def test_the_quickstart_journey_viewer_then_creator(sigma: Sigma) -> None:
    """Sigma's QuickStart: NEW_MEMBER_TYPE=Viewer to create, then Creator to promote."""
    member = sigma.members.create(
        email="qs@example.com",
        first_name="Quick",
        last_name="Start",
        member_type=sigma.account_types.check("Viewer"),
    )
    assert member.member_type == "Viewer"
    promoted = sigma.members.update(
        member.member_id, member_type=sigma.account_types.check("Creator")
    )
    assert promoted.member_type == "Creator"
    assert sigma.members.get(member.member_id).member_type == "Creator"

"""``sigma.user_attributes`` against the emulator: the seeded attributes, create and delete,
values for members and teams, what a member ends up with, and bad input refused before any
request."""

from __future__ import annotations

import pytest
from tests.support.helpers import (
    client_settings,
    member_credentials,
    queue_faults,
    reseed,
    route_count,
)

from sigmakit import (
    ConflictError,
    InputError,
    NotFoundError,
    PermissionDeniedError,
    Sigma,
    UserAttribute,
)
from sigmakit.emulator import EmulatorServer


def _active_members(sigma: Sigma, n: int) -> list[str]:
    me = sigma.whoami(member=False).user_id
    return [m.member_id for m in sigma.members.list() if m.member_id != me][:n]


def test_the_demo_organization_has_realistic_attributes(sigma: Sigma) -> None:
    attributes = {a.name: a for a in sigma.user_attributes.list()}
    assert {"Region", "Cost Center", "Department"} <= set(attributes)
    assert attributes["Cost Center"].default == "CC-1000"
    assert attributes["Region"].default is None
    sales = sigma.teams.resolve("Sales").team_id
    region_teams = {
        t.team_id: t.value.val
        for t in sigma.user_attributes.teams(attributes["Region"].user_attribute_id)
    }
    assert region_teams[sales] == "North America"
    people = list(sigma.user_attributes.members(attributes["Region"].user_attribute_id))
    assert sorted(p.value.val for p in people) == ["APAC", "EMEA", "LATAM"]


def test_list_pages_and_filters_by_exact_name(sigma: Sigma, emulator: EmulatorServer) -> None:
    for n in range(4):
        sigma.user_attributes.create(f"Extra {n}")
    names = [a.name for a in sigma.user_attributes.list(page_size=2)]
    assert names[:3] == ["Region", "Cost Center", "Department"]
    assert names[3:] == [f"Extra {n}" for n in range(4)]
    assert route_count(emulator, "GET /v2/user-attributes") == 4
    assert [a.name for a in sigma.user_attributes.list(name="region")] == ["Region"]
    assert list(sigma.user_attributes.list(name="Reg")) == []


def test_create_get_resolve_and_delete(sigma: Sigma) -> None:
    made = sigma.user_attributes.create(
        "Warehouse", description="Which warehouse's stock they see", default_value="WH-01"
    )
    assert isinstance(made, UserAttribute)
    assert made.default == "WH-01" and made.description == "Which warehouse's stock they see"
    assert sigma.user_attributes.get(made.user_attribute_id) == made
    assert sigma.user_attributes.resolve("warehouse") == made
    assert sigma.user_attributes.resolve(made.user_attribute_id) == made
    with pytest.raises(ConflictError):
        sigma.user_attributes.create("WAREHOUSE")

    member = _active_members(sigma, 1)[0]
    sigma.user_attributes.set_members(made.user_attribute_id, {member: "WH-07"})
    sigma.user_attributes.delete(made.user_attribute_id)
    with pytest.raises(NotFoundError):
        sigma.user_attributes.get(made.user_attribute_id)
    assert "Warehouse" not in {v.name for v in sigma.user_attributes.member_values(member)}


def test_resolve_suggests_the_name_meant(sigma: Sigma) -> None:
    with pytest.raises(NotFoundError) as caught:
        sigma.user_attributes.resolve("Regoin")
    message = str(caught.value)
    assert "did you mean 'Region'?" in message
    assert "Cost Center, Department, Region" in message and "\n" not in message


def test_member_values_say_where_each_value_comes_from(sigma: Sigma) -> None:
    ua = sigma.user_attributes
    attr = ua.create("Tier", default_value="bronze")
    gold, silver = sigma.teams.create(name="Gold"), sigma.teams.create(name="Silver")
    member, other = _active_members(sigma, 2)
    sigma.teams.update_members(gold.team_id, add=[member])
    sigma.teams.update_members(silver.team_id, add=[member])
    aid = attr.user_attribute_id

    def tier(who: str) -> tuple[str, str, str | None]:
        found = next(v for v in ua.member_values(who) if v.user_attribute_id == aid)
        return found.value, found.source, found.team_id

    assert tier(member) == ("bronze", "default", None)
    ua.set_teams(aid, {silver.team_id: "silver", gold.team_id: "gold"})  # silver first
    assert [t.team_id for t in ua.teams(aid)] == [silver.team_id, gold.team_id]
    assert tier(member) == ("silver", "team", silver.team_id)
    ua.set_members(aid, {member: "platinum"})
    assert tier(member) == ("platinum", "member", None)
    assert tier(other) == ("bronze", "default", None)

    ua.clear_members(aid, [member])
    assert tier(member) == ("silver", "team", silver.team_id)
    ua.clear_members(aid, [member])  # nothing left to clear: no change, no error
    sigma.teams.delete(silver.team_id)  # the team goes: its value is not shown any more
    assert [t.team_id for t in ua.teams(aid)] == [gold.team_id]
    assert tier(member) == ("gold", "team", gold.team_id)
    sigma.teams.update_members(gold.team_id, remove=[member])  # out of the team: not its value
    assert tier(member) == ("bronze", "default", None)
    sigma.teams.update_members(gold.team_id, add=[member])
    ua.clear_teams(aid, [gold.team_id])
    assert tier(member) == ("bronze", "default", None)


def test_set_many_members_goes_in_requests_of_a_hundred(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    reseed(emulator, members=260)
    attr = sigma.user_attributes.create("Badge")
    ids = [m.member_id for m in sigma.members.list(include_archived=True, include_inactive=True)]
    sigma.user_attributes.set_members(
        attr.user_attribute_id, {m: f"B-{i}" for i, m in enumerate(ids)}
    )
    assert route_count(emulator, "POST /v2/user-attributes/{userAttributeId}/users") == 3
    assert len(list(sigma.user_attributes.members(attr.user_attribute_id))) == len(ids)
    sigma.user_attributes.clear_members(attr.user_attribute_id, ids)
    assert list(sigma.user_attributes.members(attr.user_attribute_id)) == []


def test_an_unknown_member_or_team_changes_nothing(sigma: Sigma) -> None:
    ua = sigma.user_attributes
    attr = ua.create("Shift")
    member = _active_members(sigma, 1)[0]
    with pytest.raises(NotFoundError, match="Member not found"):
        ua.set_members(attr.user_attribute_id, {member: "day", "nobody": "night"})
    assert list(ua.members(attr.user_attribute_id)) == []
    with pytest.raises(NotFoundError, match="Team not found"):
        ua.set_teams(attr.user_attribute_id, {"no-such-team": "night"})
    with pytest.raises(NotFoundError, match="User attribute not found"):
        ua.set_members("no-such-attribute", {member: "day"})
    with pytest.raises(NotFoundError):
        ua.member_values("gone-member-id")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda ua: ua.set_members("a", {"m": ""}), "must not be empty"),
        (lambda ua: ua.set_members("a", {"m": "   "}), "must not be empty"),
        (lambda ua: ua.set_members("a", {"m": "two\nlines"}), "one line"),
        (lambda ua: ua.set_members("a", {"m": 3}), "text, not int"),
        (lambda ua: ua.set_members("a", {}), "nothing to change"),
        (lambda ua: ua.set_teams("a", {"": "x"}), "empty team id"),
        (lambda ua: ua.clear_members("a", "m"), "not a single string"),
        (lambda ua: ua.clear_members("a", []), "nothing to change"),
        (lambda ua: ua.clear_teams("a", ["t", " "]), "empty team id"),
        (lambda ua: ua.create(" "), "needs a name"),
        (lambda ua: ua.create("X", default_value=""), "must not be empty"),
        (lambda ua: ua.resolve(""), "name a user attribute"),
    ],
)
def test_bad_input_is_refused_before_any_request(sigma: Sigma, call: object, message: str) -> None:
    sent = sigma.requests_sent
    with pytest.raises(InputError, match=message):
        call(sigma.user_attributes)  # type: ignore[operator]
    assert sigma.requests_sent == sent


def test_only_an_admin_changes_them(sigma: Sigma, emulator: EmulatorServer) -> None:
    """Anyone with credentials reads; changes need an Admin's (the description says so for
    the delete)."""
    pro = next(m for m in sigma.members.list() if m.member_type == "Pro")
    client_id, client_secret = member_credentials(emulator, pro.member_id)
    with Sigma(
        settings=client_settings(emulator, client_id=client_id, client_secret=client_secret)
    ) as as_pro:
        region = as_pro.user_attributes.resolve("Region")
        with pytest.raises(PermissionDeniedError):
            as_pro.user_attributes.create("Mine")
        with pytest.raises(PermissionDeniedError):
            as_pro.user_attributes.set_members(region.user_attribute_id, {pro.member_id: "x"})
        with pytest.raises(PermissionDeniedError):
            as_pro.user_attributes.delete(region.user_attribute_id)
    assert sigma.user_attributes.get(region.user_attribute_id) == region
    assert "Mine" not in {a.name for a in sigma.user_attributes.list()}


def test_a_teams_side(sigma: Sigma) -> None:
    ua = sigma.user_attributes
    finance = sigma.teams.resolve("Finance")
    values = {v.user_attribute_name: v.value.val for v in ua.team_values(finance.team_id)}
    assert values == {"Cost Center": "CC-2100", "Department": "Finance"}


def test_setting_and_clearing_survive_a_lost_answer(sigma: Sigma, emulator: EmulatorServer) -> None:
    """Setting a value twice is setting it once, so a set whose answer was lost (or that met
    a 5xx) is sent again, as a clear is."""
    ua = sigma.user_attributes
    attr = ua.create("Desk")
    member = _active_members(sigma, 1)[0]
    queue_faults(emulator, "error_after", "drop")
    ua.set_members(attr.user_attribute_id, {member: "4F-12"})
    assert [m.value.val for m in ua.members(attr.user_attribute_id)] == ["4F-12"]
    queue_faults(emulator, "drop_after", "error:503")
    ua.clear_members(attr.user_attribute_id, [member])
    assert list(ua.members(attr.user_attribute_id)) == []

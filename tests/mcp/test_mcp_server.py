"""``sigmakit mcp``'s server, driven through the MCP SDK's own client in memory, against the
session's emulator: the tools listed in each mode, paged reads, plans and their refusals,
and no secret in any answer."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from mcp import Client
from mcp.types import CallToolResult
from tests.support.helpers import CLIENT_SECRET, client_settings, route_counts

from sigmakit import Sigma
from sigmakit.emulator import EmulatorServer
from sigmakit.mcp.server import ServerOptions, build_server
from sigmakit.mcp.tools.code import CODE_TOOLS
from sigmakit.mcp.tools.plans import DESTRUCTIVE_TOOLS, WRITE_TOOLS
from sigmakit.mcp.tools.reads import READ_TOOLS
from sigmakit.mcp.tools.review import REVIEW_TOOLS

pytestmark = pytest.mark.anyio

READ_ONLY = {*READ_TOOLS, *REVIEW_TOOLS, *CODE_TOOLS, "api_request"}


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Session:
    """An MCP client session on a fresh server for ``sigma``; every answer is kept, so a
    test can scan them all."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.answers: list[CallToolResult] = []

    async def call(self, tool: str, **args: Any) -> CallToolResult:
        answer = await self.client.call_tool(tool, args)
        self.answers.append(answer)
        return answer

    async def ok(self, tool: str, **args: Any) -> dict[str, Any]:
        answer = await self.call(tool, **args)
        assert not answer.is_error, answer.content
        assert answer.content and answer.content[0].type == "text"
        assert answer.structured_content is not None
        return answer.structured_content

    async def refused(self, tool: str, **args: Any) -> str:
        answer = await self.call(tool, **args)
        assert answer.is_error
        text = answer.content[0].text  # type: ignore[union-attr]
        assert "\n" not in text and "Traceback" not in text
        return text

    async def tools(self) -> set[str]:
        return {t.name for t in (await self.client.list_tools()).tools}


@pytest.fixture
def sigma(emulator: EmulatorServer) -> Iterator[Sigma]:
    with Sigma(settings=client_settings(emulator)) as client:
        yield client


@asynccontextmanager
async def session(
    sigma: Sigma, clock: Clock | None = None, **options: Any
) -> AsyncIterator[Session]:
    server = build_server(sigma, ServerOptions(**options), clock=clock or Clock())
    async with Client(server) as client:
        yield Session(client)


def team_member_ids(sigma: Sigma, team: str) -> set[str]:
    return {m.user_id for m in sigma.teams.members(sigma.teams.resolve(team).team_id)}


def org_state(sigma: Sigma) -> tuple[Any, ...]:
    """What a refused change must leave as it was: members, and every team's members."""
    members = sorted((m.email, m.member_type, m.is_inactive) for m in sigma.members.list())
    teams = {t.name: sorted(team_member_ids(sigma, t.team_id)) for t in sigma.teams.list()}
    workspaces = sorted(w.name for w in sigma.workspaces.list())
    return members, teams, workspaces


async def test_read_only_lists_no_write_tool(sigma: Sigma) -> None:
    async with session(sigma) as s:
        assert await s.tools() == READ_ONLY
    async with session(sigma, allow_writes=True) as s:
        assert await s.tools() == READ_ONLY | set(WRITE_TOOLS)
    async with session(
        sigma, allow_writes=True, allow_destructive=frozenset({"plan_remove_from_team"})
    ) as s:
        assert await s.tools() == READ_ONLY | set(WRITE_TOOLS) | {"plan_remove_from_team"}
    assert not READ_ONLY & set(DESTRUCTIVE_TOOLS)


async def test_unknown_destructive_name_is_refused(sigma: Sigma) -> None:
    from sigmakit import InputError

    with pytest.raises(InputError, match="plan_offboard"):
        build_server(
            sigma, ServerOptions(allow_writes=True, allow_destructive=frozenset({"offboard"}))
        )
    with pytest.raises(InputError, match="--allow-writes"):
        build_server(sigma, ServerOptions(allow_destructive=frozenset({"plan_offboard"})))


async def test_paged_read_walks_to_the_end_with_no_duplicates(sigma: Sigma) -> None:
    everyone = [m.member_id for m in sigma.members.list()]
    assert len(everyone) > 25
    seen: list[str] = []
    pages = 0
    async with session(sigma) as s:
        cursor = None
        while True:
            args: dict[str, Any] = {"limit": 7}
            if cursor:
                args["cursor"] = cursor
            page = await s.ok("list_members", **args)
            assert page["count"] == len(page["items"]) <= 7
            seen += [m["memberId"] for m in page["items"]]
            pages += 1
            cursor = page["nextCursor"]
            if cursor is None:
                break
        # a cursor is bound to its listing and filters
        text = await s.refused("list_teams", cursor=first_cursor(s))
        assert "list_members" in text
        assert "limit" in await s.refused("list_members", limit=500)
    assert len(seen) == len(set(seen))
    assert sorted(seen) == sorted(everyone)
    assert pages == -(-len(everyone) // 7)


def first_cursor(s: Session) -> str:
    return str(s.answers[0].structured_content["nextCursor"])  # type: ignore[index]


async def test_raw_get_pages_and_checks_against_the_description(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    async with session(sigma) as s:
        first = await s.ok("api_request", path="/v2/teams", limit=3)
        assert first["count"] == 3 and first["nextCursor"]
        rest = await s.ok("api_request", path="/v2/teams", limit=3, cursor=first["nextCursor"])
        names = {t["name"] for t in first["items"] + rest["items"]}
        assert len(names) == 6
        one = await s.ok(
            "api_request",
            path="/v2/members/{memberId}",
            path_params={"memberId": sigma.whoami().user_id},
        )
        assert one["email"] == "admin@northwind.example"
        before = sum(route_counts(emulator).values())
        text = await s.refused("api_request", path="/v2/membrs")
        assert "closest" in text and "/v2/members" in text
        assert "token endpoint" in await s.refused("api_request", path="/v2/auth/token")
        assert sum(route_counts(emulator).values()) == before  # nothing was sent


async def test_read_only_refuses_a_write_and_changes_nothing(sigma: Sigma) -> None:
    before = org_state(sigma)
    member = sigma.members.resolve("admin@northwind.example")
    async with session(sigma) as s:
        text = await s.refused(
            "api_request",
            method="PATCH",
            path="/v2/members/{memberId}",
            path_params={"memberId": member.member_id},
        )
        assert "read-only" in text and "--allow-writes" in text
        unknown = await s.call("plan_add_to_team", team="Sales", emails=[member.email])
        assert unknown.is_error
    assert org_state(sigma) == before


async def test_plan_then_apply_onboards_exactly_as_planned(sigma: Sigma) -> None:
    email = "ada.lovelace@northwind.example"
    sales = sigma.teams.resolve("Sales")
    person = {
        "email": email,
        "first_name": "Ada",
        "last_name": "Lovelace",
        "account_type": "Pro",
        "teams": ["Sales"],
    }
    async with session(sigma, allow_writes=True) as s:
        plan = await s.ok("plan_onboard", people=[person])
        steps = {(st["step"], st["change"]) for st in plan["steps"]}
        assert steps == {("member", "create"), ("workspace", "create"), ("team Sales", "add")}
        assert sigma.members.find_by_email(email) is None  # planning changed nothing
        done = await s.ok("apply_plan", plan_id=plan["planId"])
        assert done["ok"] is True
        # a plan is applied once
        assert "no plan" in await s.refused("apply_plan", plan_id=plan["planId"])
    member = sigma.members.find_by_email(email)
    assert member is not None and member.member_type == "Pro"
    assert member.member_id in team_member_ids(sigma, sales.team_id)
    assert sigma.workspaces.find_by_name(email) is not None


async def test_plan_then_apply_adds_to_a_team_as_planned(sigma: Sigma) -> None:
    team = sigma.teams.resolve("Marketing")
    inside = team_member_ids(sigma, team.team_id)
    outside = [m for m in sigma.members.list() if m.member_id not in inside and not m.is_inactive]
    emails = [outside[0].email, outside[1].email.upper(), "nobody@northwind.example"]
    async with session(sigma, allow_writes=True) as s:
        plan = await s.ok("plan_add_to_team", team="Marketing", emails=emails)
        assert [st["status"] for st in plan["steps"]] == ["planned", "planned", "unknown"]
        assert team_member_ids(sigma, team.team_id) == inside
        await s.ok("apply_plan", plan_id=plan["planId"])
    assert team_member_ids(sigma, team.team_id) == inside | {
        outside[0].member_id,
        outside[1].member_id,
    }


async def test_expired_plan_is_refused_and_changes_nothing(sigma: Sigma) -> None:
    clock = Clock()
    team = sigma.teams.resolve("Marketing")
    inside = team_member_ids(sigma, team.team_id)
    outsider = next(m for m in sigma.members.list() if m.member_id not in inside)
    async with session(sigma, clock, allow_writes=True, plan_ttl=60) as s:
        plan = await s.ok("plan_add_to_team", team="Marketing", emails=[outsider.email])
        assert plan["expiresInSeconds"] == 60
        clock.now += 61
        text = await s.refused("apply_plan", plan_id=plan["planId"])
        assert "expired" in text
    assert team_member_ids(sigma, team.team_id) == inside


async def test_stale_plan_is_refused_and_changes_nothing(sigma: Sigma) -> None:
    team = sigma.teams.resolve("Marketing")
    inside = team_member_ids(sigma, team.team_id)
    first, second = [m for m in sigma.members.list() if m.member_id not in inside][:2]
    async with session(sigma, allow_writes=True) as s:
        plan = await s.ok("plan_add_to_team", team="Marketing", emails=[first.email, second.email])
        # someone else adds one of them between the plan and its apply
        sigma.teams.update_members(team.team_id, add=[first.member_id])
        text = await s.refused("apply_plan", plan_id=plan["planId"])
        assert "changed since" in text and first.email in text
    # the other one was not added: nothing of the plan was applied
    assert team_member_ids(sigma, team.team_id) == inside | {first.member_id}


async def test_stale_onboarding_plan_is_refused(sigma: Sigma) -> None:
    email = "grace.hopper@northwind.example"
    person = {"email": email, "first_name": "Grace", "last_name": "Hopper", "account_type": "Lite"}
    async with session(sigma, allow_writes=True) as s:
        plan = await s.ok("plan_onboard", people=[person])
        sigma.members.create(
            email=email,
            first_name="Grace",
            last_name="Hopper",
            member_type="Pro",
            send_invite=False,
        )
        assert "changed since" in await s.refused("apply_plan", plan_id=plan["planId"])
    assert sigma.members.resolve(email).member_type == "Pro"
    assert sigma.workspaces.find_by_name(email) is None


async def test_destructive_tool_needs_naming(sigma: Sigma) -> None:
    team = sigma.teams.resolve("Sales")
    inside = team_member_ids(sigma, team.team_id)
    someone = sigma.members.get(sorted(inside)[0])
    async with session(sigma, allow_writes=True) as s:
        answer = await s.call("plan_remove_from_team", team="Sales", emails=[someone.email])
        assert answer.is_error
    assert team_member_ids(sigma, team.team_id) == inside
    async with session(
        sigma, allow_writes=True, allow_destructive=frozenset({"plan_remove_from_team"})
    ) as s:
        plan = await s.ok("plan_remove_from_team", team="Sales", emails=[someone.email])
        await s.ok("apply_plan", plan_id=plan["planId"])
    assert team_member_ids(sigma, team.team_id) == inside - {someone.member_id}


async def test_no_secret_in_any_result(sigma: Sigma) -> None:
    owner = sigma.whoami().user_id
    async with session(
        sigma, allow_writes=True, allow_destructive=frozenset({"plan_api_delete"})
    ) as s:
        for tool in READ_TOOLS:
            if tool not in ("list_team_members", "list_grants", "list_schedules", "get_member"):
                await s.call(tool)
        await s.call("get_member", member="admin@northwind.example")
        await s.call("list_team_members", team="Sales")
        await s.call("access_review", teams=["Sales"], limit=5)
        await s.call("api_request", path="/v2/auth/token")
        await s.call("api_request", path="/v2/api-credentials")
        # an answer that carries a secret: new client credentials
        plan = await s.ok(
            "plan_api_call",
            method="POST",
            path="/v2/credentials",
            body={"name": "agent-made", "ownerId": owner},
        )
        made = await s.ok("apply_plan", plan_id=plan["planId"])
        assert made["answer"]["clientId"]
        assert made["answer"]["clientSecret"] == "[redacted]"
        await s.call("apply_plan", plan_id="plan-nonsense")
    token = sigma.token()
    secrets = [
        CLIENT_SECRET,
        token.access_token,
        *([token.refresh_token] if token.refresh_token else []),
    ]
    for answer in s.answers:
        text = json.dumps(answer.model_dump(mode="json"))
        for secret in secrets:
            assert secret not in text
    assert len(s.answers) >= 15


async def test_offboarding_is_destructive_and_applies_as_planned(sigma: Sigma) -> None:
    leaver = next(
        m
        for m in sigma.members.list()
        if m.member_type != "Admin" and list(sigma.teams.of_member(m.member_id))
    )
    async with session(sigma, allow_writes=True) as s:
        assert (await s.call("plan_offboard", member=leaver.email, new_owner="x")).is_error
    async with session(
        sigma, allow_writes=True, allow_destructive=frozenset({"plan_offboard"})
    ) as s:
        plan = await s.ok("plan_offboard", member=leaver.email, new_owner="admin@northwind.example")
        steps = [st["step"] for st in plan["steps"]]
        assert steps[-1] == "deactivate"
        assert not sigma.members.get(leaver.member_id).is_archived  # planning changed nothing
        done = await s.ok("apply_plan", plan_id=plan["planId"])
        assert done["ok"] is True
    gone = sigma.members.list(include_archived=True, include_inactive=True)
    assert next(m for m in gone if m.member_id == leaver.member_id).is_archived
    assert list(sigma.teams.of_member(leaver.member_id)) == []


async def test_export_plan_then_apply_saves_the_file_in_the_export_folder(
    sigma: Sigma, emulator: EmulatorServer, tmp_path: Path
) -> None:
    with emulator.control() as control:
        control.put("/jobs", json={"stageSeconds": 0.1}).raise_for_status()
    folder = tmp_path / "exports"
    async with session(sigma, allow_writes=True, export_dir=str(folder)) as s:
        bad = await s.refused(
            "plan_export", workbook="Sales Overview", element="Orders", file_name="../x.csv"
        )
        assert "plain file name" in bad
        plan = await s.ok("plan_export", workbook="Sales Overview", element="Orders")
        assert not folder.exists()  # planning wrote nothing
        saved = await s.ok("apply_plan", plan_id=plan["planId"])
    path = Path(saved["file"])
    assert path.parent == folder.resolve() and path.suffix == ".csv"
    assert path.stat().st_size == saved["bytes"] > 0
    assert path.read_text().splitlines()[0]  # a header line


async def test_materialize_plan_then_apply_waits_for_the_run(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    with emulator.control() as control:
        control.put("/jobs", json={"stageSeconds": 0.1}).raise_for_status()
    async with session(sigma, allow_writes=True) as s:
        plan = await s.ok("plan_materialize", workbook="Sales Overview", element="Orders")
        assert [st["change"] for st in plan["steps"]] == ["materialize"]
        done = await s.ok("apply_plan", plan_id=plan["planId"])
    assert done["ok"] is True
    assert [r["status"] for r in done["runs"]] == ["ready"]


async def test_access_review_pages_rows_with_their_why_and_gives_findings_once(
    sigma: Sigma,
) -> None:
    from sigmakit.workflows.access import AccessOptions, review

    expected = [r.to_dict() for r in review(sigma, AccessOptions(teams=["Sales"])).rows]
    assert len(expected) > 10
    seen: list[dict[str, Any]] = []
    async with session(sigma) as s:
        first = await s.ok("access_review", teams=["Sales"], limit=10)
        assert first["total"] == len(expected) and "findings" in first
        seen += first["items"]
        cursor = first["nextCursor"]
        sent = sigma.requests_sent
        while cursor:
            page = await s.ok("access_review", teams=["Sales"], limit=10, cursor=cursor)
            assert "findings" not in page and page["count"] <= 10
            seen += page["items"]
            cursor = page["nextCursor"]
        # the pages after the first are cut from the first page's reading
        assert sigma.requests_sent == sent
        # a cursor is bound to its scope
        again = await s.ok("access_review", teams=["Sales"], limit=10)
        text = await s.refused("access_review", teams=["Marketing"], cursor=again["nextCursor"])
        assert "cursor" in text
    assert seen == expected
    assert all(row["why"] for row in seen)


async def test_code_tools_pull_plan_and_drift_without_changing_sigma(
    sigma: Sigma, tmp_path: Path
) -> None:
    folder = tmp_path / "code"
    retail = next(m for m in sigma.data_models.list() if m.name == "Retail Sales")
    async with session(sigma, code_dir=str(folder)) as s:
        models = await s.ok("list_data_models", limit=1)
        assert models["count"] == 1 and models["items"][0]["dataModelId"]
        names = [m["name"] for m in (await s.ok("list_data_models"))["items"]]
        assert "Retail Sales" in names
        pulled = await s.ok("code_pull", documents=["Retail Sales"])
        assert [i["status"] for i in pulled["items"]] == ["written"]
        path = folder / pulled["items"][0]["file"]
        assert path.is_file()
        assert (await s.ok("code_plan"))["items"][0]["status"] == "no changes"
        assert (await s.ok("code_drift"))["items"][0]["status"] == "in sync"
        # an edit here is planned; an edit in Sigma is drift; Sigma is not changed by either
        path.write_text(path.read_text().replace("name: Store\n", "name: Store Name\n"))
        planned = (await s.ok("code_plan"))["items"][0]
        assert planned["status"] == "changes"
        assert "~ column Stores/Store Name: name changed" in [c.strip() for c in planned["changes"]]
        version = sigma.data_models.get(retail.data_model_id).latest_version
        doc = sigma.data_models.get_spec(retail.data_model_id)
        doc["pages"][0]["elements"] = doc["pages"][0]["elements"][:3]
        sigma.data_models.update_spec(retail.data_model_id, doc)
        drifted = (await s.ok("code_drift"))["items"][0]
        assert drifted["status"] == "changed in Sigma and edited here"
        # a pull never replaces the file edited here
        text = await s.refused("code_pull", documents=["Retail Sales"])
        assert "edited since the last pull" in text
    assert sigma.data_models.get(retail.data_model_id).latest_version == version + 1


async def test_code_tools_cover_workbooks_too(sigma: Sigma, tmp_path: Path) -> None:
    folder = tmp_path / "code"
    sales = sigma.workbooks.resolve("Sales Overview")
    version = sales.latest_version
    async with session(sigma, code_dir=str(folder)) as s:
        text = await s.refused("code_pull", documents=["Sales Overview"], kind="data-model")
        assert "Sales Overview" in text and not folder.exists()
        pulled = await s.ok("code_pull", documents=["Sales Overview"])
        (item,) = pulled["items"]
        assert item["kind"] == "workbook" and item["workbookId"] == sales.workbook_id
        assert item["status"] == "written"
        path = folder / item["file"]
        planned = (await s.ok("code_plan"))["items"]
        assert [(p["kind"], p["status"]) for p in planned] == [("workbook", "no changes")]
        assert (await s.ok("code_drift"))["items"][0]["status"] == "in sync"
        # a page renamed here is planned; an element renamed in Sigma is drift
        contents = sigma.workbooks.get_contents(sales.workbook_id)
        page = contents["pages"][0]["name"]
        path.write_text(path.read_text().replace(f"name: {page}\n", f"name: {page} v2\n", 1))
        planned = (await s.ok("code_plan"))["items"][0]
        assert planned["status"] == "changes"
        assert f"~ page {page}: renamed {page} v2" in [c.strip() for c in planned["changes"]]
        contents["pages"][0]["elements"][0]["name"] = "Renamed in Sigma"
        sigma.workbooks.update_contents(sales.workbook_id, contents)
        drifted = (await s.ok("code_drift"))["items"][0]
        assert drifted["kind"] == "workbook"
        assert drifted["status"] == "changed in Sigma and edited here"
    assert sigma.workbooks.get(sales.workbook_id).latest_version == version + 1

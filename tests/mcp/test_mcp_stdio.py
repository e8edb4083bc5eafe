"""``sigmakit mcp`` as an agent's host runs it: a subprocess spoken to over stdio, with
the settings of every command (here SIGMA_* in the environment), and in practice mode."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from mcp import Client, StdioServerParameters
from tests.support.helpers import CLIENT_ID, CLIENT_SECRET

from sigmakit.emulator import EmulatorServer
from sigmakit.mcp.tools.code import CODE_TOOLS
from sigmakit.mcp.tools.plans import WRITE_TOOLS
from sigmakit.mcp.tools.reads import READ_TOOLS
from sigmakit.mcp.tools.review import REVIEW_TOOLS

pytestmark = [pytest.mark.anyio, pytest.mark.slow]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def command(*args: str, env: dict[str, str] | None = None) -> StdioServerParameters:
    return StdioServerParameters(
        command=sys.executable,
        args=["-m", "sigmakit", "mcp", *args],
        env={"SIGMAKIT_NO_TOKEN_CACHE": "1", "PYTHONDONTWRITEBYTECODE": "1", **(env or {})},
    )


async def run(params: StdioServerParameters, *calls: tuple[str, dict[str, Any]]) -> Any:
    async with Client(params, read_timeout_seconds=60) as client:
        tools = {t.name for t in (await client.list_tools()).tools}
        answers = [await client.call_tool(name, args) for name, args in calls]
    return tools, answers


async def test_stdio_server_reads_the_configured_organization(emulator: EmulatorServer) -> None:
    env = {
        "SIGMA_BASE_URL": emulator.base_url,
        "SIGMA_CLIENT_ID": CLIENT_ID,
        "SIGMA_CLIENT_SECRET": CLIENT_SECRET,
    }
    tools, (me, page) = await run(
        command(env=env),
        ("whoami", {}),
        ("list_teams", {"limit": 2}),
    )
    assert tools == {*READ_TOOLS, *REVIEW_TOOLS, *CODE_TOOLS, "api_request"}
    assert me.structured_content["baseUrl"] == emulator.base_url
    assert me.structured_content["email"] == "admin@northwind.example"
    assert page.structured_content["count"] == 2 and page.structured_content["nextCursor"]
    for answer in (me, page):
        assert CLIENT_SECRET not in answer.model_dump_json()


async def test_practice_mode_serves_its_own_emulator() -> None:
    tools, (me, plan) = await run(
        command("--emulator", "--allow-writes"),
        ("whoami", {}),
        ("plan_add_to_team", {"team": "Sales", "emails": ["admin@northwind.example"]}),
    )
    assert tools == {*READ_TOOLS, *REVIEW_TOOLS, *CODE_TOOLS, "api_request", *WRITE_TOOLS}
    assert me.structured_content["baseUrl"].startswith("http://127.0.0.1:")
    assert plan.structured_content["planId"].startswith("plan-")

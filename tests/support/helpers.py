"""Small helpers the tests share (not fixtures)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import httpx
from click.testing import CliRunner

from sigmakit import Settings, load_settings
from sigmakit.cli.main import cli
from sigmakit.emulator import EmulatorServer

#: the seed of the demo organization every test starts from
SEED = 7

#: the credentials the session's emulator accepts
CLIENT_ID = "test-client-id"
CLIENT_SECRET = "test-client-secret-9f8e7d"


def login(
    client: httpx.Client, client_id: str = CLIENT_ID, client_secret: str = CLIENT_SECRET
) -> str:
    """Get a token for ``client`` as Sigma's docs show (form body), and send it from now on."""
    token = str(
        client.post(
            "/v2/auth/token",
            data={
                "grant_type": "client_credentials",
                "client_id": client_id,
                "client_secret": client_secret,
            },
        ).json()["access_token"]
    )
    client.headers["Authorization"] = f"Bearer {token}"
    return token


def client_settings(
    emulator: EmulatorServer, *, client_id: str | None = None, client_secret: str | None = None
) -> Settings:
    """SDK settings for the emulator (or any test target: its own credentials unless others
    are given), and nothing from the environment, a profile or .env."""
    return load_settings(
        base_url=emulator.base_url,
        client_id=emulator.client_id if client_id is None else client_id,
        client_secret=emulator.client_secret if client_secret is None else client_secret,
        env={},
        use_dotenv=False,
    )


def run(
    *args: str, input: str | None = None, env: dict[str, str] | None = None
) -> tuple[int, str, str]:
    """``sigmakit ARGS...`` in-process: exit code, stdout, stderr (``input`` on stdin,
    ``env`` added to the environment)."""
    result = CliRunner().invoke(cli, list(args), input=input, prog_name="sigmakit", env=env)
    return result.exit_code, result.stdout, result.stderr


def route_counts(emulator: EmulatorServer) -> dict[str, int]:
    """Requests the emulator received per ``"METHOD /template"``, from its control plane."""
    with emulator.control() as control:
        response = control.get("/stats")
        response.raise_for_status()
        routes: dict[str, int] = response.json()["routes"]
        return routes


def route_count(emulator: EmulatorServer, route: str) -> int:
    """How many requests the emulator received for ``"METHOD /template"``."""
    return route_counts(emulator).get(route, 0)


def clear_stats(emulator: EmulatorServer) -> None:
    """Start counting requests from zero."""
    with emulator.control() as control:
        control.delete("/stats").raise_for_status()


def emulator_settings(emulator: EmulatorServer, **settings: Any) -> None:
    """Change the emulator's settings through its control plane (``tokenTtl``,
    ``legacyLists``)."""
    with emulator.control() as control:
        control.put("/settings", json=settings).raise_for_status()


#: one logged-in client per emulator, reused (building an httpx client costs ~0.1 s)
_CLIENTS: dict[str, httpx.Client] = {}


def close_api_clients() -> None:
    """Close the clients ``api_get`` kept (at the end of the test session)."""
    while _CLIENTS:
        _CLIENTS.popitem()[1].close()


def api_get(emulator: EmulatorServer, url: str, **params: Any) -> httpx.Response:
    """``GET url`` on the emulator's API as any client would send it, with a token (fetched
    again if the organization was reseeded or the clock moved past it). These requests
    show in the emulator's request counts: read before counting starts, or after."""
    client = _CLIENTS.get(emulator.base_url)
    if client is None:
        client = _CLIENTS[emulator.base_url] = httpx.Client(base_url=emulator.base_url, timeout=30)
        login(client, emulator.client_id, emulator.client_secret)
    response = client.get(url, params=params)
    if response.status_code == 401:
        login(client, emulator.client_id, emulator.client_secret)
        response = client.get(url, params=params)
    response.raise_for_status()
    return response


def get_json(emulator: EmulatorServer, url: str, **params: Any) -> Any:
    """One ``GET`` on the emulator's API (see ``api_get``); the JSON answer."""
    return api_get(emulator, url, **params).json()


def all_entries(emulator: EmulatorServer, url: str, **params: Any) -> list[dict[str, Any]]:
    """Every entry of a list route, read over HTTP as any client would."""
    entries: list[dict[str, Any]] = []
    page: str | None = None
    while True:
        query = {"limit": 1000, **params, **({"page": page} if page else {})}
        body = get_json(emulator, url, **query)
        entries += body["entries"]
        page = body["nextPage"]
        if page is None:
            return entries


def request_total(emulator: EmulatorServer) -> int:
    """How many API requests (token requests included) the emulator received in all."""
    with emulator.control() as control:
        response = control.get("/stats")
        response.raise_for_status()
        return int(response.json()["total"])


def recent_requests(emulator: EmulatorServer, route: str = "", status: str = "") -> list[Any]:
    """The emulator's request log, newest first (``route``: part of a route or path;
    ``status``: ``429`` or ``4xx``), from its control plane."""
    with emulator.control() as control:
        response = control.get("/requests", params={"route": route, "status": status})
        response.raise_for_status()
        entries: list[Any] = response.json()["entries"]
        return entries


def member_credentials(emulator: EmulatorServer, member_id: str) -> tuple[str, str]:
    """A client id and secret owned by ``member_id``, made by the test credentials' Admin
    through ``POST /v2/credentials`` as any client would."""
    with httpx.Client(base_url=emulator.base_url, timeout=30) as client:
        login(client, emulator.client_id, emulator.client_secret)
        made = client.post("/v2/credentials", json={"ownerId": member_id, "name": "tests"})
        made.raise_for_status()
        pair = made.json()
        return str(pair["clientId"]), str(pair["clientSecret"])


def queue_faults(emulator: EmulatorServer, *faults: str) -> None:
    with emulator.control() as control:
        response = control.post("/faults/next", json={"faults": list(faults)})
        response.raise_for_status()


def set_faults(emulator: EmulatorServer, **knobs: Any) -> None:
    with emulator.control() as control:
        response = control.put("/faults", json=knobs)
        response.raise_for_status()


def advance_clock(emulator: EmulatorServer, seconds: float) -> None:
    with emulator.control() as control:
        control.post("/clock", json={"advance": seconds}).raise_for_status()


def reseed(emulator: EmulatorServer, **sizes: int) -> None:
    with emulator.control() as control:
        control.post("/reset", json=sizes).raise_for_status()


def active_member_count(emulator: EmulatorServer) -> int:
    """Members a default listing shows (not archived, not inactive), counted over HTTP."""
    return len(all_entries(emulator, "/v2/members"))


def workbook_owners(emulator: EmulatorServer) -> dict[str, str]:
    """Each workbook's owner (archived workbooks too), as ``GET /v2/workbooks`` lists them."""
    owners: dict[str, str] = {}
    for archived in ("false", "true"):
        listed = all_entries(
            emulator, "/v2/workbooks", skipPermissionCheck="true", isArchived=archived
        )
        owners.update({w["workbookId"]: w["ownerId"] for w in listed})
    return owners


class Sleeps(list[float]):
    """Stands in for time.sleep: records how long the SDK wanted to wait."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def members_named(emulator: EmulatorServer, *emails: str) -> int:
    """Members (archived and inactive too) with any of these emails, any case."""
    everyone = all_entries(emulator, "/v2/members", includeArchived="true", includeInactive="true")
    return sum(m["email"].lower() in emails for m in everyone)


def complete(words: str, env: dict[str, str] | None = None) -> list[str]:
    parts = words.split(" ")
    result = CliRunner().invoke(
        cli,
        [],
        prog_name="sigmakit",
        env={
            "_SIGMAKIT_COMPLETE": "bash_complete",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(parts) - 1),
            **(env or {}),
        },
    )
    assert result.exit_code == 0
    assert result.stderr == ""
    return [line.split(",", 1)[1] for line in result.stdout.splitlines() if line]


class StubAnswered(Exception):
    """The emulator answered with a stub of ``scripts/scaffold.py`` (501, "... is not emulated
    yet"): a scaffolded test marked ``xfail(strict=True, raises=StubAnswered)`` fails this way
    only, so it goes red once the stub is written (a failure of another kind, or a pass)."""


def refuse_stub(text: str) -> None:
    """Raises :class:`StubAnswered` when ``text`` (a body, a CLI's stderr) is a stub's answer."""
    if "is not emulated yet" in text:
        raise StubAnswered(text)


@contextlib.contextmanager
def refusing_stub() -> Iterator[None]:
    """An SDK call inside: the 501 of a stub becomes :class:`StubAnswered`."""
    from sigmakit import ServerError

    try:
        yield
    except ServerError as exc:
        refuse_stub(str(exc))
        raise

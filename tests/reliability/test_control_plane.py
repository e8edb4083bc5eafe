"""The control plane (/__emulator) answers its owner on loopback; any other client needs
the control token. Other clients are simulated at the ASGI level (the app sees the
client address the server gives it), so no traffic leaves loopback."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from sigmakit.emulator import EmulatorConfig, create_app
from sigmakit.emulator.access import control_refusal

REMOTE = ("203.0.113.7", 51000)
TOKEN = "control-token-for-tests-4f1e"


def call(
    config: EmulatorConfig,
    method: str,
    path: str,
    client: tuple[str, int] = REMOTE,
    headers: dict[str, str] | None = None,
    json: object = None,
    data: dict[str, str] | None = None,
) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=create_app(config), client=client)
        async with httpx.AsyncClient(transport=transport, base_url="http://emulator") as http:
            return await http.request(method, path, headers=headers, json=json, data=data)

    # in a thread of its own: another test (a browser's sync API) may leave a loop running here
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(go())).result()


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/__emulator/reset", {"members": 3}),
        ("PUT", "/__emulator/faults", {"error_rate": 1.0}),
        ("GET", "/__emulator/health", None),
        ("GET", "/__emulator/openapi.json", None),
        ("PUT", "/__emulator/jobs", {"mode": "immediate"}),
    ],
)
def test_a_remote_client_without_the_token_is_refused(method: str, path: str, body: object) -> None:
    config = EmulatorConfig(client_id="c", client_secret="s", control_token=TOKEN)
    response = call(config, method, path, json=body)
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    wrong = call(config, method, path, headers={"X-Emulator-Control-Token": "guess"}, json=body)
    assert wrong.status_code == 403


def test_a_remote_client_with_the_token_is_let_in() -> None:
    config = EmulatorConfig(client_id="c", client_secret="s", control_token=TOKEN)
    for headers in (
        {"X-Emulator-Control-Token": TOKEN},
        {"Authorization": f"Bearer {TOKEN}"},
        {"Cookie": f"sigmakit_control={TOKEN}"},
    ):
        assert call(config, "GET", "/__emulator/health", headers=headers).status_code == 200


def test_without_a_control_token_remote_clients_are_refused_and_loopback_is_not() -> None:
    config = EmulatorConfig(client_id="c", client_secret="s")
    assert not config.control_token
    assert call(config, "POST", "/__emulator/reset", json={"members": 3}).status_code == 403
    local = call(config, "GET", "/__emulator/health", client=("127.0.0.1", 5000))
    assert local.status_code == 200


def test_the_api_itself_is_not_gated() -> None:
    config = EmulatorConfig(client_id="c", client_secret="s", control_token=TOKEN)
    assert call(config, "GET", "/v2/whoami").status_code == 401  # Sigma's own auth applies


def test_the_token_can_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIGMAKIT_EMULATOR_CONTROL_TOKEN", TOKEN)
    assert EmulatorConfig(client_id="c", client_secret="s").control_token == TOKEN


def test_the_rule_in_one_function() -> None:
    headers = [(b"x-emulator-control-token", TOKEN.encode())]
    assert control_refusal("127.0.0.1", [], "") is None
    assert control_refusal("::1", [], TOKEN) is None
    assert control_refusal("10.0.0.2", headers, TOKEN) is None
    assert control_refusal("10.0.0.2", [], TOKEN) is not None
    assert control_refusal("10.0.0.2", headers, "") is not None
    assert control_refusal(None, headers, "") is not None


def test_a_browser_elsewhere_signs_in_to_the_console_with_the_token() -> None:
    """The console's sign-in page is the one page open to anyone: the right token becomes an
    HttpOnly cookie that opens the console and the control plane, a wrong one changes nothing."""
    config = EmulatorConfig(client_id="c", client_secret="s", control_token=TOKEN)
    refused = call(config, "GET", "/__emulator/console/people")
    assert refused.status_code == 403
    assert "/__emulator/console/sign-in" in refused.json()["message"]
    page = call(config, "GET", "/__emulator/console/sign-in")
    assert page.status_code == 200 and 'type="password"' in page.text
    assert call(config, "GET", "/__emulator/console/static/console.css").status_code == 200

    wrong = call(config, "POST", "/__emulator/console/sign-in", data={"token": "guess"})
    assert wrong.status_code == 403 and "set-cookie" not in wrong.headers
    signed = call(config, "POST", "/__emulator/console/sign-in", data={"token": TOKEN})
    assert signed.status_code == 303
    cookie = signed.headers["set-cookie"]
    assert cookie.startswith(f"sigmakit_control={TOKEN}") and "HttpOnly" in cookie
    assert "Path=/__emulator" in cookie and "SameSite=strict" in cookie
    opened = call(
        config, "GET", "/__emulator/console/people", headers={"Cookie": f"sigmakit_control={TOKEN}"}
    )
    assert opened.status_code == 200 and "<title>People" in opened.text


def test_without_a_control_token_nobody_elsewhere_can_sign_in() -> None:
    config = EmulatorConfig(client_id="c", client_secret="s")
    answer = call(config, "POST", "/__emulator/console/sign-in", data={"token": ""})
    assert answer.status_code == 403 and "set-cookie" not in answer.headers

"""Calling Sigma's REST API over plain httpx, as a client written from Sigma's documentation
would: walk a paginated list, check Sigma's error body, create the usual things.

Nothing here knows the emulator: these work against any server that speaks the API.
"""

from __future__ import annotations

from typing import Any

import httpx


def walk(api: httpx.Client, url: str, limit: int = 2, **params: Any) -> list[dict[str, Any]]:
    """Every entry of a paginated list, fetched ``limit`` at a time."""
    entries: list[dict[str, Any]] = []
    page: str | None = None
    for _ in range(10_000):
        query = {**params, "limit": limit, **({"page": page} if page else {})}
        response = api.get(url, params=query)
        assert response.status_code == 200, response.text
        body = response.json()
        assert len(body["entries"]) <= limit
        entries += body["entries"]
        page = body["nextPage"]
        if page is None:
            return entries
    raise AssertionError("the list never ended")


def assert_sigma_error(response: httpx.Response, status: int) -> dict[str, Any]:
    """Sigma's error body: ``{"message", "code", "requestId"}`` with the given status, every
    field filled in (and the ``requestId`` the same as an ``X-Request-Id`` header, if sent)."""
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert set(body) == {"message", "code", "requestId"}, body
    assert body["message"] and body["code"] and body["requestId"], body
    if "x-request-id" in response.headers:
        assert body["requestId"] == response.headers["x-request-id"]
    return body


def new_member(api: httpx.Client, name: str, member_type: str = "Lite", **extra: Any) -> str:
    response = api.post(
        "/v2/members",
        json={
            "email": f"{name.lower()}@example.com",
            "firstName": name,
            "lastName": "Tester",
            "memberType": member_type,
            **extra,
        },
    )
    assert response.status_code == 200, response.text
    return str(response.json()["memberId"])


def new_team(api: httpx.Client, name: str, members: list[str] | None = None) -> str:
    response = api.post("/v2/teams", json={"name": name, "members": members or []})
    assert response.status_code == 200, response.text
    return str(response.json()["teamId"])


def new_workspace(api: httpx.Client, name: str) -> str:
    response = api.post("/v2/workspaces", json={"name": name})
    assert response.status_code == 200, response.text
    return str(response.json()["workspaceId"])


def new_folder(api: httpx.Client, name: str, parent_id: str | None = None, **extra: Any) -> str:
    body: dict[str, Any] = {"type": "folder", "name": name, **extra}
    if parent_id is not None:
        body["parentId"] = parent_id
    response = api.post("/v2/files", json=body)
    assert response.status_code == 200, response.text
    return str(response.json()["id"])


def grant(
    api: httpx.Client,
    url: str,
    permission: str,
    *,
    member: str | None = None,
    team: str | None = None,
) -> httpx.Response:
    grantee = {"memberId": member} if member is not None else {"teamId": team}
    return api.post(url, json={"grants": [{"grantee": grantee, "permission": permission}]})


def admin_id(api: httpx.Client) -> str:
    return str(api.get("/v2/whoami").json()["userId"])

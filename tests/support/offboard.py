"""What offboarding changes for a member, read over HTTP, and the seeded people it uses."""

from __future__ import annotations

from typing import Any

from tests.support.helpers import all_entries, get_json, route_counts

from sigmakit.emulator import EmulatorServer

#: a Pro in the seeded organization who owns four files and is in three teams
LEAVER = "tomas.jones@northwind.example"
HEIR = "ezra.okafor@northwind.example"
#: the owner of the test credentials
ADMIN = "admin@northwind.example"


def member(emulator: EmulatorServer, email: str) -> dict[str, Any]:
    found = get_json(
        emulator, "/v2/members", email=email, includeArchived="true", includeInactive="true"
    )["entries"]
    assert len(found) == 1
    return dict(found[0])


def writes(emulator: EmulatorServer) -> dict[str, int]:
    """The requests that change something, per route, since the counts were cleared."""
    return {
        route: n
        for route, n in route_counts(emulator).items()
        if not route.startswith("GET ") and route != "POST /v2/auth/token"
    }


def owned(emulator: EmulatorServer, who: dict[str, Any]) -> set[str]:
    """The ids of the files a member owns (their My Documents folder aside), over HTTP."""
    mid = who["memberId"]
    files = all_entries(emulator, f"/v2/members/{mid}/files")
    files += all_entries(emulator, f"/v2/members/{mid}/files", typeFilters="workspace")
    return {f["id"] for f in files if f["ownerId"] == mid and f["id"] != who["homeFolderId"]}


def state_of(emulator: EmulatorServer, email: str) -> dict[str, Any]:
    """What offboarding changes for a member, read over HTTP: archived or not, the files
    and scheduled exports they own, their teams."""
    who = member(emulator, email)
    mid = who["memberId"]
    return {
        "archived": who["isArchived"],
        "owned": owned(emulator, who),
        "schedules": {
            s["scheduledNotificationId"]
            for s in all_entries(emulator, f"/v2/members/{mid}/schedules")
        },
        "teams": [t["name"] for t in all_entries(emulator, f"/v2/members/{mid}/teams")],
    }


#: a member once offboarded
OFFBOARDED = {"archived": True, "owned": set(), "schedules": set(), "teams": []}

"""What the console's pages show, read from the emulator's stores.

Read-only: nothing here writes to the database. Where a store already renders a record
as the API answers it (a member, a grant, a workbook), the console shows that rendering,
so the console and the API never disagree.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

from ..errors import ApiError, NotFound
from ..state import EmulatorState
from ..store.catalog import CONTROLS
from .jobs import job_row, job_rows

__all__ = ["PER_PAGE", "Pager", "job_rows", "people"]

PER_PAGE = 25
STATUSES = ("active", "inactive", "archived", "all")


@dataclass(frozen=True)
class Pager:
    page: int
    pages: int
    total: int

    @property
    def previous(self) -> int | None:
        return self.page - 1 if self.page > 1 else None

    @property
    def next(self) -> int | None:
        return self.page + 1 if self.page < self.pages else None


def _pager(total: int, page: int) -> Pager:
    pages = max(1, math.ceil(total / PER_PAGE))
    return Pager(min(max(1, page), pages), pages, total)


def _like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def admin_id(state: EmulatorState) -> str:
    """The member the console reads as where a store asks who is reading: the first admin,
    who may see every file."""
    found = state.store.db.scalar(
        "SELECT member_id FROM members WHERE member_type = 'Admin' ORDER BY seq LIMIT 1"
    )
    if found is None:
        raise ApiError(500, "The organization has no admin")
    return str(found)


def names(state: EmulatorState) -> dict[str, str]:
    """Member id -> "First Last" for every member, and team id -> team name."""
    db = state.store.db
    out = {
        r["member_id"]: f"{r['first_name']} {r['last_name']}"
        for r in db.all("SELECT member_id, first_name, last_name FROM members")
    }
    out.update({r["team_id"]: r["name"] for r in db.all("SELECT team_id, name FROM teams")})
    return out


def overview(state: EmulatorState) -> dict[str, Any]:
    db = state.store.db
    counts = {
        "people": "SELECT count(*) FROM members WHERE is_archived = 0",
        "teams": "SELECT count(*) FROM teams",
        "workspaces": "SELECT count(*) FROM inodes WHERE type = 'workspace' AND is_archived = 0",
        "connections": "SELECT count(*) FROM connections WHERE is_archived = 0",
        "workbooks": "SELECT count(*) FROM inodes WHERE type = 'workbook' AND is_archived = 0",
        "jobs": "SELECT count(*) FROM jobs",
    }
    return {
        "org": state.store.org.get(),
        "counts": {k: db.scalar(sql) for k, sql in counts.items()},
        "now": state.clock.iso(),
        "requests": state.stats.snapshot()["total"],
    }


# ----- people -----


def people(
    state: EmulatorState, *, q: str, account_type: str, status: str, page: int
) -> tuple[list[dict[str, Any]], Pager]:
    """Members matching a part of their name or email, an account type and a status."""
    where: list[str] = []
    args: list[Any] = []
    if q.strip():
        where.append(
            "(email_lower LIKE ? ESCAPE '\\' OR lower(first_name || ' ' || last_name) "
            "LIKE ? ESCAPE '\\')"
        )
        args += [_like(q.strip())] * 2
    if account_type:
        where.append("member_type = ? COLLATE NOCASE")
        args.append(account_type)
    if status == "active":
        where.append("is_archived = 0 AND is_inactive = 0")
    elif status == "inactive":
        where.append("is_archived = 0 AND is_inactive = 1")
    elif status == "archived":
        where.append("is_archived = 1")
    sql_where = f"WHERE {' AND '.join(where)}" if where else ""
    db = state.store.db
    pager = _pager(db.scalar(f"SELECT count(*) FROM members {sql_where}", args), page)
    rows = db.all(
        f"SELECT * FROM members {sql_where} ORDER BY seq LIMIT ? OFFSET ?",
        (*args, PER_PAGE, (pager.page - 1) * PER_PAGE),
    )
    return [state.store.members.render(r) for r in rows], pager


def status_of(member: dict[str, Any]) -> str:
    if member["isArchived"]:
        return "archived"
    return "inactive" if member["isInactive"] else "active"


def member(state: EmulatorState, member_id: str) -> dict[str, Any]:
    store = state.store
    db = store.db
    found = store.members.get(member_id)
    teams = db.all(
        "SELECT t.team_id, t.name, m.is_team_admin FROM team_members m "
        "JOIN teams t USING (team_id) WHERE m.member_id = ? ORDER BY t.name",
        (member_id,),
    )
    reachable = store.permissions.reachable(member_id, ("workspace",))
    workspaces = [
        {"id": r["id"], "name": r["name"], "permission": reachable[r["id"]]}
        for r in db.all(
            "SELECT id, name FROM inodes WHERE type = 'workspace' AND is_archived = 0 ORDER BY name"
        )
        if r["id"] in reachable
    ]
    grants = [
        {**g, "via": g.get("via"), "target": target}
        for g, target in _grants_held(state, member_id, [t["team_id"] for t in teams])
    ]
    documents = db.all(
        "WITH RECURSIVE below(id) AS (SELECT ? UNION ALL "
        "SELECT c.id FROM inodes c JOIN below b ON c.parent_id = b.id) "
        "SELECT i.id, i.name, i.type, i.updated_at FROM inodes i JOIN below b ON b.id = i.id "
        "WHERE i.id != ? AND i.is_archived = 0 ORDER BY i.seq",
        (found["homeFolderId"], found["homeFolderId"]),
    )
    recents = store.files.recents(member_id, offset=0, limit=10).entries
    return {
        "member": found,
        "status": status_of(found),
        "teams": teams,
        "workspaces": workspaces,
        "grants": grants,
        "documents": documents,
        "recents": recents,
    }


def _grants_held(
    state: EmulatorState, member_id: str, team_ids: list[str]
) -> list[tuple[dict[str, Any], dict[str, str]]]:
    """Grants made to the member, or to a team they belong to, with what each is on."""
    db = state.store.db
    marks = ",".join("?" * len(team_ids)) or "NULL"
    rows = db.all(
        f"SELECT * FROM grants WHERE member_id = ? OR team_id IN ({marks}) ORDER BY seq",
        (member_id, *team_ids),
    )
    team_names = {r["team_id"]: r["name"] for r in db.all("SELECT team_id, name FROM teams")}
    out = []
    for row in rows:
        grant = state.store.grants.render(row)
        grant["via"] = team_names.get(row["team_id"]) if row["team_id"] else None
        out.append((grant, target_of(state, row["inode_id"])))
    return out


def target_of(state: EmulatorState, target_id: str) -> dict[str, str]:
    """What a grant is on: a file (workspace, folder, workbook) or a connection."""
    db = state.store.db
    row = db.one("SELECT id, name, type FROM inodes WHERE id = ?", (target_id,))
    if row is not None:
        return {"id": row["id"], "name": row["name"], "type": row["type"]}
    row = db.one(
        "SELECT connection_id, name FROM connections WHERE connection_id = ?", (target_id,)
    )
    if row is not None:
        return {"id": row["connection_id"], "name": row["name"], "type": "connection"}
    return {"id": target_id, "name": target_id, "type": "unknown"}


# ----- teams -----


def teams(state: EmulatorState) -> list[dict[str, Any]]:
    return [
        dict(r)
        for r in state.store.db.all(
            "SELECT t.team_id, t.name, t.description, t.visibility, t.workspace_id, "
            "(SELECT count(*) FROM team_members m WHERE m.team_id = t.team_id) AS members "
            "FROM teams t ORDER BY t.name"
        )
    ]


def team(state: EmulatorState, team_id: str) -> dict[str, Any]:
    store = state.store
    found = store.teams.get(team_id)
    members = [
        {**store.members.render(r), "isTeamAdmin": bool(r["is_team_admin"])}
        for r in store.db.all(
            "SELECT m.*, tm.is_team_admin FROM team_members tm JOIN members m USING (member_id) "
            "WHERE tm.team_id = ? ORDER BY m.last_name, m.first_name",
            (team_id,),
        )
    ]
    grants = [
        (store.grants.render(r), target_of(state, r["inode_id"]))
        for r in store.db.all("SELECT * FROM grants WHERE team_id = ? ORDER BY seq", (team_id,))
    ]
    return {"team": found, "members": members, "grants": grants}


# ----- workspaces and folders -----


@dataclass
class Node:
    id: str
    name: str
    type: str
    owner_id: str | None
    children: list[Node] = field(default_factory=list)


def tree(state: EmulatorState, root_id: str) -> Node:
    """The file and everything below it (archived files left out), children by name."""
    rows = state.store.db.all(
        "WITH RECURSIVE below(id) AS (SELECT ? UNION ALL "
        "SELECT c.id FROM inodes c JOIN below b ON c.parent_id = b.id WHERE c.is_archived = 0) "
        "SELECT i.id, i.name, i.type, i.owner_id, i.parent_id FROM inodes i "
        "JOIN below b ON b.id = i.id ORDER BY i.type != 'folder', lower(i.name)",
        (root_id,),
    )
    nodes = {r["id"]: Node(r["id"], r["name"], r["type"], r["owner_id"]) for r in rows}
    for r in rows:
        if r["id"] != root_id and r["parent_id"] in nodes:
            nodes[r["parent_id"]].children.append(nodes[r["id"]])
    if root_id not in nodes:
        raise NotFound.of("File", root_id)
    return nodes[root_id]


def workspaces(state: EmulatorState) -> list[dict[str, Any]]:
    db = state.store.db
    out = []
    for row in db.all(
        "SELECT * FROM inodes WHERE type = 'workspace' AND is_archived = 0 ORDER BY lower(name)"
    ):
        grants = db.all("SELECT * FROM grants WHERE inode_id = ? ORDER BY seq", (row["id"],))
        out.append(
            {
                "workspace": row,
                "tree": tree(state, row["id"]),
                "grants": [state.store.grants.render(g) for g in grants],
            }
        )
    return out


def workspace(state: EmulatorState, workspace_id: str) -> dict[str, Any]:
    store = state.store
    row = store.workspaces.row(workspace_id)
    grants = [
        store.grants.render(g)
        for g in store.db.all("SELECT * FROM grants WHERE inode_id = ? ORDER BY seq", (row["id"],))
    ]
    effective = []
    for m in store.db.all(
        "SELECT * FROM members WHERE is_archived = 0 ORDER BY last_name, first_name"
    ):
        permission = store.permissions.effective_permission(m["member_id"], workspace_id)
        if permission is not None:
            effective.append({**store.members.render(m), "permission": permission})
    return {
        "workspace": row,
        "tree": tree(state, workspace_id),
        "grants": grants,
        "effective": effective,
    }


# ----- connections -----


def connections(state: EmulatorState) -> list[dict[str, Any]]:
    return [
        {
            **state.store.connections.render(r),
            "tables": state.store.db.scalar(
                "SELECT count(*) FROM connection_tables WHERE connection_id = ?",
                (r["connection_id"],),
            ),
        }
        for r in state.store.db.all("SELECT * FROM connections ORDER BY lower(name)")
    ]


def connection(state: EmulatorState, connection_id: str) -> dict[str, Any]:
    store = state.store
    found = store.connections.get(connection_id)
    grants = [
        store.grants.render(g)
        for g in store.db.all(
            "SELECT * FROM grants WHERE inode_id = ? ORDER BY seq", (connection_id,)
        )
    ]
    catalogue: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for r in store.db.all(
        "SELECT * FROM connection_tables WHERE connection_id = ? ORDER BY path_key",
        (connection_id,),
    ):
        path = json.loads(r["path"])
        database = path[0] if len(path) > 2 else ""
        schema = path[-2] if len(path) > 1 else ""
        catalogue.setdefault(database, {}).setdefault(schema, []).append(
            {"name": path[-1], "urlId": r["url_id"], "lastSyncedAt": r["last_synced_at"]}
        )
    return {"connection": found, "grants": grants, "catalogue": catalogue}


# ----- workbooks -----


def workbooks(state: EmulatorState, *, q: str, page: int) -> tuple[list[dict[str, Any]], Pager]:
    everything = state.store.workbooks.list_for(
        admin_id(state), offset=0, limit=100_000, skip_permission_check=True, exclude_tags=True
    ).entries
    needle = q.strip().lower()
    found = [w for w in everything if not needle or needle in w["name"].lower()]
    pager = _pager(len(found), page)
    start = (pager.page - 1) * PER_PAGE
    return found[start : start + PER_PAGE], pager


def workbook(state: EmulatorState, workbook_id: str) -> dict[str, Any]:
    store = state.store
    reader = admin_id(state)
    found = store.workbooks.get(workbook_id, reader)
    db = store.db
    pages = []
    for p in db.all(
        "SELECT * FROM workbook_pages WHERE workbook_id = ? ORDER BY seq", (workbook_id,)
    ):
        elements = []
        for e in store.workbooks.element_rows(workbook_id, p["page_id"]):
            entry = store.workbooks.render_element(e)
            entry["isInputTable"] = e["type"] == "input-table"
            if e["control_id"] is not None:
                spec = CONTROLS[e["control_id"]]
                entry["control"] = {
                    "controlId": spec.control_id,
                    "valueType": spec.value_type,
                    "column": spec.column,
                }
            elements.append(entry)
        pages.append(
            {
                "pageId": p["page_id"],
                "name": p["name"],
                "hidden": bool(p["hidden"]),
                "elements": elements,
            }
        )
    schedules = db.all(
        "SELECT * FROM materialization_schedules WHERE workbook_id = ? ORDER BY seq",
        (workbook_id,),
    )
    grants = [
        store.grants.render(g)
        for g in db.all("SELECT * FROM grants WHERE inode_id = ? ORDER BY seq", (workbook_id,))
    ]
    jobs = [j for j in store.jobs.all() if j.workbook_id == workbook_id]
    return {
        "workbook": found,
        "pages": pages,
        "schedules": schedules,
        "grants": grants,
        "jobs": [job_row(state, j) for j in reversed(jobs)],
    }

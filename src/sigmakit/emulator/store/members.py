"""Members: the people of the organization."""

from __future__ import annotations

import builtins
import re
import sqlite3
from collections.abc import Callable, Collection, Sequence
from typing import Any, Literal

from ..clock import Clock
from ..db import Database
from ..errors import BadRequest, Conflict, NotFound
from ..ids import IdFactory
from .account_types import AccountTypeStore
from .files import FileStore
from .org import OrgStore
from .paging import Page, select_page
from .text import bounded

SCHEMA = """
CREATE TABLE IF NOT EXISTS members (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id TEXT UNIQUE NOT NULL,
    email TEXT NOT NULL,
    email_lower TEXT UNIQUE NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    member_type TEXT NOT NULL,
    user_kind TEXT NOT NULL DEFAULT 'internal',
    profile_img_url TEXT,
    home_folder_id TEXT NOT NULL,
    is_archived INTEGER NOT NULL DEFAULT 0,
    is_inactive INTEGER NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
"""

USER_KINDS = ("internal", "guest", "embed")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def check_email(email: str) -> str:
    email = email.strip()
    if not _EMAIL.match(email) or len(email) > 254:
        raise BadRequest(f"Invalid email address: {email!r}")
    return email


class MemberStore:
    def __init__(
        self,
        db: Database,
        ids: IdFactory,
        clock: Clock,
        org: OrgStore,
        files: FileStore,
        account_types: AccountTypeStore,
    ) -> None:
        self.db = db
        self.ids = ids
        self.clock = clock
        self.org = org
        self.files = files
        self.account_types = account_types
        files.check_member = self.check_active
        account_types.members = self
        #: Called inside the create transaction with (conn, member id, request body); the
        #: teams store uses it for ``addToTeams``.
        self.on_create: list[Callable[[sqlite3.Connection, str, dict[str, Any]], None]] = []
        #: Called inside a deactivation's transaction (see :meth:`_hand_over`) with
        #: (conn, member id, new owner, archive): the schedule store moves the member's
        #: scheduled exports to the new owner, or suspends them when ``archive``.
        self.on_hand_over: list[Callable[[sqlite3.Connection, str, str, bool], None]] = []

    def render(self, row: sqlite3.Row | dict[str, Any]) -> dict[str, Any]:
        return {
            "organizationId": self.org.get().id,
            "memberId": row["member_id"],
            "memberType": row["member_type"],
            "firstName": row["first_name"],
            "lastName": row["last_name"],
            "email": row["email"],
            "profileImgUrl": row["profile_img_url"],
            "createdBy": row["created_by"],
            "updatedBy": row["updated_by"],
            "createdAt": row["created_at"],
            "updatedAt": row["updated_at"],
            "homeFolderId": row["home_folder_id"],
            "userKind": row["user_kind"],
            "isArchived": bool(row["is_archived"]),
            "isInactive": bool(row["is_inactive"]),
        }

    def count(self) -> int:
        """How many members the organization holds (active or not)."""
        return int(self.db.scalar("SELECT count(*) FROM members"))

    def first_admin(self) -> str | None:
        """The admin created first (the one the seed's API credentials belong to)."""
        return self.db.scalar(  # type: ignore[no-any-return]
            "SELECT member_id FROM members WHERE member_type = 'Admin' ORDER BY seq LIMIT 1"
        )

    @staticmethod
    def check_active(
        conn: sqlite3.Connection, member_id: str, refusal: str = "Member is not active"
    ) -> sqlite3.Row:
        """The member (id, home folder, who created them, archived and inactive flags), read
        inside the caller's transaction: Sigma's 404 if there is none, a 400 (``refusal``,
        then the id) if archived or deactivated."""
        member = conn.execute(
            "SELECT member_id, home_folder_id, created_by, is_archived, is_inactive "
            "FROM members WHERE member_id = ?",
            (member_id,),
        ).fetchone()
        if member is None:
            raise NotFound.of("Member", member_id)
        if member["is_archived"] or member["is_inactive"]:
            raise BadRequest(f"{refusal}: {member_id}")
        return member  # type: ignore[no-any-return]

    @staticmethod
    def created_by(conn: sqlite3.Connection, member_id: str) -> str:
        """Who created the member (inside the caller's transaction)."""
        return str(
            conn.execute(
                "SELECT created_by FROM members WHERE member_id = ?", (member_id,)
            ).fetchone()["created_by"]
        )

    def row(self, member_id: str) -> sqlite3.Row:
        row = self.db.one("SELECT * FROM members WHERE member_id = ?", (member_id,))
        if row is None:
            raise NotFound.of("Member", member_id)
        return row

    def get(self, member_id: str) -> dict[str, Any]:
        return self.render(self.row(member_id))

    def list(
        self,
        *,
        email: str | None,
        search: str | None,
        include_archived: bool,
        include_inactive: bool,
        offset: int,
        limit: int,
    ) -> Page:
        where: list[str] = []
        args: list[Any] = []
        if email is not None:
            where.append("email_lower = ?")
            args.append(email.strip().lower())
        if search:
            where.append(
                "(email_lower LIKE ? ESCAPE '\\' OR first_name || ' ' || last_name LIKE ? ESCAPE '\\')"
            )
            like = (
                "%"
                + search.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                + "%"
            )
            args += [like, like]
        if not include_archived:
            where.append("is_archived = 0")
        if not include_inactive:
            where.append("is_inactive = 0")
        return select_page(self.db, "members", where, args, offset=offset, limit=limit).render(
            self.render
        )

    def insert(
        self,
        conn: sqlite3.Connection,
        *,
        email: str,
        first_name: str,
        last_name: str,
        member_type: str,
        user_kind: str,
        created_by: str | None,
        at: str | None = None,
        member_id: str | None = None,
    ) -> str:
        """Add a member and their My Documents folder inside the caller's transaction."""
        member_id = member_id or self.ids.member_id()
        when = at or self.clock.iso()
        home = self.files.insert(
            conn, name="My Documents", type="folder", owner_id=member_id, at=when
        )
        conn.execute(
            "INSERT INTO members (member_id, email, email_lower, first_name, last_name, "
            "member_type, user_kind, home_folder_id, created_by, updated_by, created_at, "
            "updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                member_id,
                email,
                email.lower(),
                first_name,
                last_name,
                member_type,
                user_kind,
                home,
                created_by or member_id,
                created_by or member_id,
                when,
                when,
            ),
        )
        return member_id

    def _conflict(self, conn: sqlite3.Connection, email: str, exclude: str | None = None) -> None:
        row = conn.execute(
            "SELECT member_id FROM members WHERE email_lower = ?", (email.lower(),)
        ).fetchone()
        if row is not None and row["member_id"] != exclude:
            raise Conflict.duplicate("member-id", row["member_id"])

    def create(self, body: dict[str, Any], caller: str) -> dict[str, Any]:
        email = check_email(str(body["email"]))
        named = body.get("memberType")
        types = self.account_types
        member_type = types.resolve(str(named)) if named else types.lowest()
        user_kind = body.get("userKind") or ("guest" if body.get("isGuest") else "internal")
        if user_kind not in USER_KINDS:
            raise BadRequest(f"Invalid userKind: {user_kind}")
        with self.db.tx() as conn:
            self._conflict(conn, email)
            member_id = self.insert(
                conn,
                email=email,
                first_name=bounded(body.get("firstName", ""), "firstName"),
                last_name=bounded(body.get("lastName", ""), "lastName"),
                member_type=member_type,
                user_kind=user_kind,
                created_by=caller,
            )
            for hook in self.on_create:
                hook(conn, member_id, body)
        return self.get(member_id)

    def update(self, member_id: str, body: dict[str, Any], caller: str) -> dict[str, Any]:
        current = self.row(member_id)
        sets: dict[str, Any] = {}
        if "memberType" in body and body["memberType"] is not None:
            sets["member_type"] = self.account_types.resolve(str(body["memberType"]))
        for key, col in (("firstName", "first_name"), ("lastName", "last_name")):
            if key in body and body[key] is not None:
                sets[col] = bounded(body[key], key)
        if "profileImgUrl" in body:
            value = body["profileImgUrl"]
            sets["profile_img_url"] = None if value is None else str(value)
        if "userKind" in body and body["userKind"] is not None:
            if body["userKind"] not in USER_KINDS:
                raise BadRequest(f"Invalid userKind: {body['userKind']}")
            sets["user_kind"] = body["userKind"]
        for key, col in (("isArchived", "is_archived"), ("isInactive", "is_inactive")):
            if key in body and body[key] is not None:
                sets[col] = 1 if body[key] else 0
        deactivating = (sets.get("is_archived") == 1 and not current["is_archived"]) or (
            sets.get("is_inactive") == 1 and not current["is_inactive"]
        )
        new_owner = body.get("newOwnerId")
        if new_owner is not None:
            if not deactivating:
                raise BadRequest("newOwnerId can only be used when deactivating a member")
            owner_row = self.row(str(new_owner))
            if owner_row["is_archived"] or owner_row["member_id"] == member_id:
                raise BadRequest("newOwnerId must be another active member")
        with self.db.tx() as conn:
            if "email" in body and body["email"] is not None:
                email = check_email(str(body["email"]))
                self._conflict(conn, email, exclude=member_id)
                sets["email"] = email
                sets["email_lower"] = email.lower()
            if sets:
                sets["updated_by"] = caller
                sets["updated_at"] = self.clock.iso()
                assignments = ", ".join(f"{col} = ?" for col in sets)
                conn.execute(
                    f"UPDATE members SET {assignments} WHERE member_id = ?",
                    (*sets.values(), member_id),
                )
            if deactivating:
                self._hand_over(
                    conn,
                    current,
                    str(new_owner or caller),
                    archive_documents=bool(body.get("archiveDocuments")),
                    archive_schedules=bool(body.get("archiveScheduledExports")),
                )
        return self.get(member_id)

    def archive(self, member_id: str, caller: str) -> None:
        current = self.row(member_id)
        with self.db.tx() as conn:
            conn.execute(
                "UPDATE members SET is_archived = 1, updated_by = ?, updated_at = ? "
                "WHERE member_id = ?",
                (caller, self.clock.iso(), member_id),
            )
            if not current["is_archived"]:
                self._hand_over(conn, current, caller)

    def _hand_over(
        self,
        conn: sqlite3.Connection,
        member: sqlite3.Row,
        new_owner: str,
        *,
        archive_documents: bool = False,
        archive_schedules: bool = False,
    ) -> None:
        """What a deactivated member owned: their documents go to ``new_owner`` (their home
        folder stays), unless ``archive_documents`` keeps them where they are; their scheduled
        exports go too, or are suspended when archived (``archiveScheduledExports``, or
        ``archiveDocuments``, which "also archives scheduled exports")."""
        for hook in self.on_hand_over:
            hook(conn, member["member_id"], new_owner, archive_schedules or archive_documents)
        if new_owner == member["member_id"] or archive_documents:
            return
        self.files.hand_over(
            conn,
            member["member_id"],
            new_owner,
            keep=member["home_folder_id"],
            at=self.clock.iso(),
        )

    def id_by_email(self, email: str) -> str | None:
        """The id of the live member (neither archived nor inactive) with this email."""
        return self.db.scalar(  # type: ignore[no-any-return]
            "SELECT member_id FROM members WHERE email_lower = ? AND is_archived = 0 "
            "AND is_inactive = 0",
            (email.strip().lower(),),
        )

    # ----- asked by the people slice's stores (permissions, account types, grants) -----

    def type_of(self, member_id: str) -> str | None:
        """The member's account type (``Admin``...), or None if there is no such member."""
        kind = self.db.scalar("SELECT member_type FROM members WHERE member_id = ?", (member_id,))
        return None if kind is None else str(kind)

    def count_of_type(self, conn: sqlite3.Connection, member_type: str) -> int:
        """How many members (any state) have this account type, any case (in the caller's
        transaction)."""
        return int(
            conn.execute(
                "SELECT count(*) FROM members WHERE member_type = ? COLLATE NOCASE", (member_type,)
            ).fetchone()[0]
        )

    @staticmethod
    def retype(conn: sqlite3.Connection, old: str, new: str) -> None:
        """Every member of account type ``old`` (any case) becomes ``new`` (in the caller's
        transaction)."""
        conn.execute(
            "UPDATE members SET member_type = ? WHERE member_type = ? COLLATE NOCASE", (new, old)
        )

    # used by the seeds

    @staticmethod
    def set_flags(
        conn: sqlite3.Connection, *, archived: Sequence[str] = (), inactive: Sequence[str] = ()
    ) -> None:
        """Archive some members and deactivate others inside the caller's transaction (no
        checks, nothing handed over: for members laid down with the organization)."""
        sql = "UPDATE members SET {} = 1 WHERE member_id = ?"
        conn.executemany(sql.format("is_archived"), [(m,) for m in archived])
        conn.executemany(sql.format("is_inactive"), [(m,) for m in inactive])

    def live_ids(self, *, types: Sequence[str] = (), but: str | None = None) -> builtins.list[str]:
        """The members neither archived nor deactivated (only those of ``types`` when given,
        all but ``but``), first created first."""
        where, args = ["is_archived = 0", "is_inactive = 0"], list[Any](types)
        if types:
            where.append(f"member_type IN ({', '.join('?' * len(types))})")
        if but is not None:
            where.append("member_id != ?")
            args.append(but)
        sql = f"SELECT member_id FROM members WHERE {' AND '.join(where)} ORDER BY seq"
        return [r[0] for r in self.db.all(sql, args)]

    def column(self, name: Literal["email", "home_folder_id", "member_type"]) -> dict[str, str]:
        """Member id -> one field of theirs, for every member, first created first."""
        rows = self.db.all(f"SELECT member_id, {name} FROM members ORDER BY seq")
        return {r[0]: r[1] for r in rows}

    # used by the console

    def names(self) -> dict[str, str]:
        """Member id -> "First Last", for every member."""
        rows = self.db.all("SELECT member_id, first_name, last_name FROM members")
        return {r[0]: f"{r[1]} {r[2]}" for r in rows}

    @staticmethod
    def _matching(q: str, account_type: str, status: str) -> tuple[str, builtins.list[Any]]:
        where: list[str] = []
        args: list[Any] = []
        if q.strip():
            where.append(
                "(email_lower LIKE ? ESCAPE '\\' OR lower(first_name || ' ' || last_name) "
                "LIKE ? ESCAPE '\\')"
            )
            text = q.strip().lower().replace("\\", "\\\\").replace("%", "\\%")
            args += ["%" + text.replace("_", "\\_") + "%"] * 2
        if account_type:
            where.append("member_type = ? COLLATE NOCASE")
            args.append(account_type)
        where += {
            "active": ["is_archived = 0 AND is_inactive = 0"],
            "inactive": ["is_archived = 0 AND is_inactive = 1"],
            "archived": ["is_archived = 1"],
        }.get(status, [])
        return (f"WHERE {' AND '.join(where)}" if where else ""), args

    def count_matching(self, *, q: str, account_type: str, status: str) -> int:
        """How many members :meth:`matching` finds in all."""
        where, args = self._matching(q, account_type, status)
        return int(self.db.scalar(f"SELECT count(*) FROM members {where}", args))

    def matching(
        self, *, q: str, account_type: str, status: str, offset: int, limit: int
    ) -> builtins.list[sqlite3.Row]:
        """Members whose name or email holds ``q``, of an account type (any case), and of a
        status (active, inactive, archived; anything else: all), first created first."""
        where, args = self._matching(q, account_type, status)
        sql = f"SELECT * FROM members {where} ORDER BY seq LIMIT ? OFFSET ?"
        return self.db.all(sql, (*args, limit, offset))

    def count_present(self) -> int:
        """How many members are not archived (deactivated ones too)."""
        return int(self.db.scalar("SELECT count(*) FROM members WHERE is_archived = 0"))

    def by_name(self, ids: Collection[str] | None = None) -> builtins.list[sqlite3.Row]:
        """Those members (every member not archived when None), by last then first name."""
        if ids is None:
            where, args = "is_archived = 0", list[str]()
        else:
            where, args = f"member_id IN ({', '.join('?' * len(ids)) or 'NULL'})", list(ids)
        sql = f"SELECT * FROM members WHERE {where} ORDER BY last_name, first_name, seq"
        return self.db.all(sql, args)

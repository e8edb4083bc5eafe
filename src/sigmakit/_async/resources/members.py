"""``/v2/members``: list, get, create, update, deactivate."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from functools import cached_property
from typing import Any

from sigmakit._async._pagination import AsyncPaginator
from sigmakit._async.resources._base import AsyncResource
from sigmakit._async.resources.raw.members import AsyncRawMembers
from sigmakit._email import is_email
from sigmakit._errors import InputError, NotFoundError
from sigmakit._paging import MAX_PAGE_SIZE
from sigmakit._request import path
from sigmakit.types.members import SEARCH_REMOVED, Member, UserKind, _contains, _member

__all__ = ["AsyncMembers", "Member", "UserKind"]


class AsyncMembers(AsyncResource):
    @cached_property
    def raw(self) -> AsyncRawMembers:
        """These endpoints answering the API's entries (dicts), no model built."""
        return AsyncRawMembers(self._core)

    def list(
        self,
        *,
        email: str | None = None,
        search: str | None = None,
        include_archived: bool | None = None,
        include_inactive: bool | None = None,
        page_size: int = MAX_PAGE_SIZE,
        limit: int | None = None,
    ) -> AsyncPaginator[Member]:
        """Every member, fetched lazily page by page. ``email`` is an exact filter.

        ``search`` is deprecated (a ``FutureWarning``): Sigma removed the parameter on
        2026-09-15. A whole email address is sent as ``email``; any other text is matched
        here, case-insensitively, against each member's email and name, over every member.
        """
        keep = None
        if search is not None:
            if email is not None:
                raise InputError("email and search cannot be used together")
            warnings.warn(SEARCH_REMOVED, FutureWarning, stacklevel=2)
            if is_email(search.strip()):
                email = search.strip()
            else:
                keep = _contains(search)
        listed = self.raw.list(
            email=email,
            include_archived=include_archived,
            include_inactive=include_inactive,
            page_size=page_size,
            limit=limit,
        )
        return listed.parsed_by(_member, keep=keep)

    async def get(self, member_id: str) -> Member:
        return _member(await self.raw.get(member_id))

    async def find_by_email(self, email: str, *, include_archived: bool = True) -> Member | None:
        """The member with exactly this email (case-insensitive), or None.

        Sigma's filter is trusted only as far as a re-check on our side goes.
        """
        wanted = email.strip().lower()
        async for member in self.list(
            email=email.strip(), include_archived=include_archived, include_inactive=True
        ):
            if member.email.lower() == wanted:
                return member
        return None

    async def resolve(self, ref: str) -> Member:
        """A member named by id or by email (exact, case-insensitive)."""
        ref = ref.strip()
        if "@" in ref:
            member = await self.find_by_email(ref)
            if member is None:
                raise NotFoundError(404, message=f"no member has the email {ref}")
            return member
        return await self.get(ref)

    async def create(
        self,
        *,
        email: str,
        first_name: str,
        last_name: str,
        member_type: str,
        user_kind: UserKind | None = None,
        add_to_teams: Sequence[str] = (),
        send_invite: bool | None = None,
    ) -> Member:
        body: dict[str, Any] = {
            "email": email,
            "firstName": first_name,
            "lastName": last_name,
            "memberType": member_type,
        }
        if user_kind is not None:
            body["userKind"] = user_kind
        if add_to_teams:
            body["addToTeams"] = [{"teamId": t} for t in add_to_teams]
        return _member(
            await self._core.request(
                "POST", "/v2/members", params={"sendInvite": send_invite}, json=body
            )
        )

    async def update(
        self,
        member_id: str,
        *,
        member_type: str | None = None,
        first_name: str | None = None,
        last_name: str | None = None,
        email: str | None = None,
        is_archived: bool | None = None,
        is_inactive: bool | None = None,
        user_kind: UserKind | None = None,
        new_owner_id: str | None = None,
        archive_documents: bool | None = None,
        archive_scheduled_exports: bool | None = None,
    ) -> Member:
        """Change the fields given; the others stay as they are. Deactivating
        (``is_archived=True``) hands the member's documents and scheduled exports to
        ``new_owner_id`` (default: the owner of the API credentials), unless
        ``archive_documents`` (documents and schedules) or ``archive_scheduled_exports``
        (schedules only) archives them instead."""
        fields = {
            "memberType": member_type,
            "firstName": first_name,
            "lastName": last_name,
            "email": email,
            "isArchived": is_archived,
            "isInactive": is_inactive,
            "userKind": user_kind,
            "newOwnerId": new_owner_id,
            "archiveDocuments": archive_documents,
            "archiveScheduledExports": archive_scheduled_exports,
        }
        body = {k: v for k, v in fields.items() if v is not None}
        return _member(
            await self._core.request("PATCH", path("/v2/members/{}", member_id), json=body)
        )

    async def revoke_tokens(self, member_id: str) -> int:
        """Revoke the member's OAuth refresh tokens (single sign-on and OAuth warehouse
        connections; sessions already open run on). Returns how many were revoked. Needs an
        admin's credentials."""
        body = await self._core.request("POST", path("/v2/members/{}/revoke", member_id), json={})
        return int(body.get("results", {}).get("oauth", {}).get("tokensRevoked", 0))

    async def delete(self, member_id: str) -> None:
        """Deactivate (archive) a member; Sigma hands their documents to the credentials' owner."""
        await self._core.request("DELETE", path("/v2/members/{}", member_id))

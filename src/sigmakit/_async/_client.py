"""``AsyncSigma``: the client. It owns the HTTP core and hangs one attribute per resource on it."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING, Any

from sigmakit._async._http import AsyncHttpCore, Params
from sigmakit._async._pagination import AsyncPaginator
from sigmakit._auth import Token, TokenCache
from sigmakit._httpx import httpx
from sigmakit._request import ASYNC_MAX_CONNECTIONS
from sigmakit._retry import RetryPolicy
from sigmakit._settings import Settings, load_settings

if TYPE_CHECKING:
    from sigmakit._async.resources.account_types import AsyncAccountTypes
    from sigmakit._async.resources.connections import AsyncConnections
    from sigmakit._async.resources.data_models import AsyncDataModels
    from sigmakit._async.resources.deployment_policies import AsyncDeploymentPolicies
    from sigmakit._async.resources.favorites import AsyncFavorites
    from sigmakit._async.resources.files import AsyncFiles
    from sigmakit._async.resources.materialization_schedules import (
        AsyncMaterializationSchedules,
    )
    from sigmakit._async.resources.members import AsyncMembers
    from sigmakit._async.resources.raw import AsyncRaw
    from sigmakit._async.resources.reports import AsyncReports
    from sigmakit._async.resources.schedules import AsyncSchedules
    from sigmakit._async.resources.shortcuts import AsyncShortcuts
    from sigmakit._async.resources.source_swap_policies import AsyncSourceSwapPolicies
    from sigmakit._async.resources.tags import AsyncTags
    from sigmakit._async.resources.teams import AsyncTeams
    from sigmakit._async.resources.templates import AsyncTemplates
    from sigmakit._async.resources.tenants import AsyncTenants
    from sigmakit._async.resources.user_attributes import AsyncUserAttributes
    from sigmakit._async.resources.workbook_specs import AsyncWorkbookSpecs
    from sigmakit._async.resources.workbooks import AsyncWorkbooks
    from sigmakit._async.resources.workspaces import AsyncWorkspaces
    from sigmakit.types.whoami import Identity

__all__ = ["AsyncSigma"]


class AsyncSigma:
    """A client for one Sigma organization.

    Settings not given here come from the environment, a profile or a QuickStart
    ``.env`` (see :func:`sigmakit.load_settings`). Nothing touches the network until
    the first call.

        async with AsyncSigma() as sigma:
            async for member in sigma.members.list():
                print(member.email)
    """

    def __init__(
        self,
        *,
        client_id: str | None = None,
        client_secret: str | None = None,
        base_url: str | None = None,
        region: str | None = None,
        profile: str | None = None,
        timeout: float | None = None,
        max_retries: int | None = None,
        settings: Settings | None = None,
        token_cache: TokenCache | None = None,
        retry: RetryPolicy | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        max_connections: int = ASYNC_MAX_CONNECTIONS,
        impersonate: str | None = None,
    ) -> None:
        """``impersonate``: the email of a member every call acts as, for credentials owned
        by an Admin (Sigma's token exchange, beta): what the member may see and do, not
        what the Admin may."""
        if settings is None:
            settings = load_settings(
                client_id=client_id,
                client_secret=client_secret,
                base_url=base_url,
                region=region,
                profile=profile,
                timeout=timeout,
                max_retries=max_retries,
            )
        self.settings = settings
        self._core = AsyncHttpCore(
            settings,
            token_cache=token_cache,
            transport=transport,
            retry=retry,
            sleep=sleep,
            max_connections=max_connections,
            impersonate=impersonate,
        )

    # Each resource (and its pydantic models) is imported when first used: a command that
    # lists members does not build the workbook models.

    @cached_property
    def members(self) -> AsyncMembers:
        from sigmakit._async.resources.members import AsyncMembers

        return AsyncMembers(self._core)

    @cached_property
    def account_types(self) -> AsyncAccountTypes:
        from sigmakit._async.resources.account_types import AsyncAccountTypes

        return AsyncAccountTypes(self._core)

    @cached_property
    def teams(self) -> AsyncTeams:
        from sigmakit._async.resources.teams import AsyncTeams

        return AsyncTeams(self._core)

    @cached_property
    def data_models(self) -> AsyncDataModels:
        from sigmakit._async.resources.data_models import AsyncDataModels

        return AsyncDataModels(self._core)

    @cached_property
    def workspaces(self) -> AsyncWorkspaces:
        from sigmakit._async.resources.workspaces import AsyncWorkspaces

        return AsyncWorkspaces(self._core)

    @cached_property
    def connections(self) -> AsyncConnections:
        from sigmakit._async.resources.connections import AsyncConnections

        return AsyncConnections(self._core)

    @cached_property
    def files(self) -> AsyncFiles:
        from sigmakit._async.resources.files import AsyncFiles

        return AsyncFiles(self._core)

    @cached_property
    def workbooks(self) -> AsyncWorkbooks:
        from sigmakit._async.resources.workbooks import AsyncWorkbooks

        return AsyncWorkbooks(self._core)

    @cached_property
    def reports(self) -> AsyncReports:
        from sigmakit._async.resources.reports import AsyncReports

        return AsyncReports(self._core)

    @cached_property
    def schedules(self) -> AsyncSchedules:
        from sigmakit._async.resources.schedules import AsyncSchedules

        return AsyncSchedules(self._core)

    @cached_property
    def user_attributes(self) -> AsyncUserAttributes:
        from sigmakit._async.resources.user_attributes import AsyncUserAttributes

        return AsyncUserAttributes(self._core)

    @cached_property
    def tags(self) -> AsyncTags:
        from sigmakit._async.resources.tags import AsyncTags

        return AsyncTags(self._core)

    @cached_property
    def tenants(self) -> AsyncTenants:
        from sigmakit._async.resources.tenants import AsyncTenants

        return AsyncTenants(self._core)

    @cached_property
    def deployment_policies(self) -> AsyncDeploymentPolicies:
        from sigmakit._async.resources.deployment_policies import AsyncDeploymentPolicies

        return AsyncDeploymentPolicies(self._core)

    @cached_property
    def source_swap_policies(self) -> AsyncSourceSwapPolicies:
        from sigmakit._async.resources.source_swap_policies import AsyncSourceSwapPolicies

        return AsyncSourceSwapPolicies(self._core)

    @cached_property
    def favorites(self) -> AsyncFavorites:
        from sigmakit._async.resources.favorites import AsyncFavorites

        return AsyncFavorites(self._core)

    @cached_property
    def shortcuts(self) -> AsyncShortcuts:
        from sigmakit._async.resources.shortcuts import AsyncShortcuts

        return AsyncShortcuts(self._core)

    @cached_property
    def materialization_schedules(self) -> AsyncMaterializationSchedules:
        from sigmakit._async.resources.materialization_schedules import (
            AsyncMaterializationSchedules,
        )

        return AsyncMaterializationSchedules(self._core)

    @cached_property
    def workbook_specs(self) -> AsyncWorkbookSpecs:
        """Workbooks' code representation as Sigma's description has it (``/spec``, beta)."""
        from sigmakit._async.resources.workbook_specs import AsyncWorkbookSpecs

        return AsyncWorkbookSpecs(self._core)

    @cached_property
    def templates(self) -> AsyncTemplates:
        from sigmakit._async.resources.templates import AsyncTemplates

        return AsyncTemplates(self._core)

    @cached_property
    def raw(self) -> AsyncRaw:
        """The raw mode: endpoints answering the API's JSON entries (dicts), no model built
        and pydantic never imported (``sigma.raw.teams.members(team_id)``,
        ``sigma.raw.whoami()``). See ``api.md``, "Raw mode"."""
        from sigmakit._async.resources.raw import AsyncRaw

        return AsyncRaw(self._core)

    @property
    def base_url(self) -> str:
        return self._core.base_url

    @property
    def requests_sent(self) -> int:
        """HTTP requests sent so far, retries and token requests included."""
        return self._core.requests_sent

    @property
    def held_token(self) -> Token | None:
        """The access token in hand, if one was fetched (or read from the cache) so far;
        None otherwise. Sends nothing."""
        return self._core.tokens.held

    @property
    def unreachable(self) -> bool:
        """Whether the server has given no HTTP answer at all for ``settings.fail_fast``
        seconds: requests then get one quick try each (fail fast) until it answers again."""
        return self._core.unreachable()

    async def token(self) -> Token:
        """The current access token, fetched or refreshed if needed."""
        return await self._core.tokens.current()

    async def whoami(self, *, member: bool = True) -> Identity:
        """Who the credentials belong to: ids, name, email and account type
        (``member=False``: the ids only, one request fewer)."""
        from sigmakit._async.resources.whoami import AsyncWhoAmI

        return await AsyncWhoAmI(self._core).get(member=member)

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Params | None = None,
        json: Any = None,
        path_params: Mapping[str, str] | None = None,
        check: bool = True,
    ) -> Any:
        """Call any operation of Sigma's API and return its JSON answer (``{}`` if empty).

        ``path`` is as the API reference writes it (``/v2/members/{memberId}``; without a
        version, ``/v2`` is put in front); its ``{placeholders}`` are filled, URL-quoted, from
        ``path_params``. Method, path and query parameters are first checked against the API
        description bundled with sigmakit: anything it lacks raises
        :class:`UnknownOperationError` naming the closest operations, and nothing is sent;
        ``check=False`` sends anyway (for operations newer than the bundle). Auth, retries
        and typed errors are those of every other call.

            await sigma.request("GET", "/v2/members/{memberId}", path_params={"memberId": mid})
        """
        from sigmakit._raw import prepare

        call = prepare(
            method,
            path,
            params=params,
            path_params=path_params,
            base_url=self._core.base_url,
            check=check,
        )
        return await self._core.request(call.method, call.url, params=call.params, json=json)

    def paginate(
        self,
        path: str,
        *,
        params: Params | None = None,
        path_params: Mapping[str, str] | None = None,
        check: bool = True,
    ) -> AsyncPaginator[dict[str, Any]]:
        """Every entry of a paged list (a GET), fetched lazily page by page, in either of
        Sigma's cursor styles (``page``/``nextPage`` or ``pageToken``/``nextPageToken``).

        Checked like :meth:`request`, when called (before iterating). A ``limit`` or
        ``pageSize`` in ``params`` is the page size (default: 1,000 for ``limit`` lists, the
        server's own for token lists); a ``page`` or ``pageToken`` is where to start.

            async for member in sigma.paginate("/v2/members", params={"includeArchived": True}):
                print(member["email"])
        """
        from sigmakit._raw import paging, prepare

        call = prepare(
            "GET",
            path,
            params=params,
            path_params=path_params,
            base_url=self._core.base_url,
            check=check,
        )
        style, size, rest = paging(call)
        return AsyncPaginator(self._core, call.url, dict, params=rest, page_size=size, style=style)

    async def aclose(self) -> None:
        await self._core.aclose()

    async def __aenter__(self) -> AsyncSigma:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

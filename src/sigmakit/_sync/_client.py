# generated from src/sigmakit/_async/_client.py by scripts/unasync.py; edit that file, then `make generate`
"""``Sigma``: the client. It owns the HTTP core and hangs one attribute per resource on it."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING, Any

from sigmakit._auth import Token, TokenCache
from sigmakit._httpx import httpx
from sigmakit._request import MAX_CONNECTIONS
from sigmakit._retry import RetryPolicy
from sigmakit._settings import Settings, load_settings
from sigmakit._sync._http import HttpCore, Params
from sigmakit._sync._pagination import Paginator

if TYPE_CHECKING:
    from sigmakit._sync.resources.account_types import AccountTypes
    from sigmakit._sync.resources.connections import Connections
    from sigmakit._sync.resources.data_models import DataModels
    from sigmakit._sync.resources.deployment_policies import DeploymentPolicies
    from sigmakit._sync.resources.favorites import Favorites
    from sigmakit._sync.resources.files import Files
    from sigmakit._sync.resources.materialization_schedules import (
        MaterializationSchedules,
    )
    from sigmakit._sync.resources.members import Members
    from sigmakit._sync.resources.raw import Raw
    from sigmakit._sync.resources.reports import Reports
    from sigmakit._sync.resources.schedules import Schedules
    from sigmakit._sync.resources.shortcuts import Shortcuts
    from sigmakit._sync.resources.source_swap_policies import SourceSwapPolicies
    from sigmakit._sync.resources.tags import Tags
    from sigmakit._sync.resources.teams import Teams
    from sigmakit._sync.resources.templates import Templates
    from sigmakit._sync.resources.tenants import Tenants
    from sigmakit._sync.resources.user_attributes import UserAttributes
    from sigmakit._sync.resources.workbook_specs import WorkbookSpecs
    from sigmakit._sync.resources.workbooks import Workbooks
    from sigmakit._sync.resources.workspaces import Workspaces
    from sigmakit.types.whoami import Identity

__all__ = ["Sigma"]


class Sigma:
    """A client for one Sigma organization.

    Settings not given here come from the environment, a profile or a QuickStart
    ``.env`` (see :func:`sigmakit.load_settings`). Nothing touches the network until
    the first call.

        with Sigma() as sigma:
            for member in sigma.members.list():
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
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        max_connections: int = MAX_CONNECTIONS,
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
        self._core = HttpCore(
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
    def members(self) -> Members:
        from sigmakit._sync.resources.members import Members

        return Members(self._core)

    @cached_property
    def account_types(self) -> AccountTypes:
        from sigmakit._sync.resources.account_types import AccountTypes

        return AccountTypes(self._core)

    @cached_property
    def teams(self) -> Teams:
        from sigmakit._sync.resources.teams import Teams

        return Teams(self._core)

    @cached_property
    def data_models(self) -> DataModels:
        from sigmakit._sync.resources.data_models import DataModels

        return DataModels(self._core)

    @cached_property
    def workspaces(self) -> Workspaces:
        from sigmakit._sync.resources.workspaces import Workspaces

        return Workspaces(self._core)

    @cached_property
    def connections(self) -> Connections:
        from sigmakit._sync.resources.connections import Connections

        return Connections(self._core)

    @cached_property
    def files(self) -> Files:
        from sigmakit._sync.resources.files import Files

        return Files(self._core)

    @cached_property
    def workbooks(self) -> Workbooks:
        from sigmakit._sync.resources.workbooks import Workbooks

        return Workbooks(self._core)

    @cached_property
    def reports(self) -> Reports:
        from sigmakit._sync.resources.reports import Reports

        return Reports(self._core)

    @cached_property
    def schedules(self) -> Schedules:
        from sigmakit._sync.resources.schedules import Schedules

        return Schedules(self._core)

    @cached_property
    def user_attributes(self) -> UserAttributes:
        from sigmakit._sync.resources.user_attributes import UserAttributes

        return UserAttributes(self._core)

    @cached_property
    def tags(self) -> Tags:
        from sigmakit._sync.resources.tags import Tags

        return Tags(self._core)

    @cached_property
    def tenants(self) -> Tenants:
        from sigmakit._sync.resources.tenants import Tenants

        return Tenants(self._core)

    @cached_property
    def deployment_policies(self) -> DeploymentPolicies:
        from sigmakit._sync.resources.deployment_policies import DeploymentPolicies

        return DeploymentPolicies(self._core)

    @cached_property
    def source_swap_policies(self) -> SourceSwapPolicies:
        from sigmakit._sync.resources.source_swap_policies import SourceSwapPolicies

        return SourceSwapPolicies(self._core)

    @cached_property
    def favorites(self) -> Favorites:
        from sigmakit._sync.resources.favorites import Favorites

        return Favorites(self._core)

    @cached_property
    def shortcuts(self) -> Shortcuts:
        from sigmakit._sync.resources.shortcuts import Shortcuts

        return Shortcuts(self._core)

    @cached_property
    def materialization_schedules(self) -> MaterializationSchedules:
        from sigmakit._sync.resources.materialization_schedules import (
            MaterializationSchedules,
        )

        return MaterializationSchedules(self._core)

    @cached_property
    def workbook_specs(self) -> WorkbookSpecs:
        """Workbooks' code representation as Sigma's description has it (``/spec``, beta)."""
        from sigmakit._sync.resources.workbook_specs import WorkbookSpecs

        return WorkbookSpecs(self._core)

    @cached_property
    def templates(self) -> Templates:
        from sigmakit._sync.resources.templates import Templates

        return Templates(self._core)

    @cached_property
    def raw(self) -> Raw:
        """The raw mode: endpoints answering the API's JSON entries (dicts), no model built
        and pydantic never imported (``sigma.raw.teams.members(team_id)``,
        ``sigma.raw.whoami()``). See ``api.md``, "Raw mode"."""
        from sigmakit._sync.resources.raw import Raw

        return Raw(self._core)

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

    def token(self) -> Token:
        """The current access token, fetched or refreshed if needed."""
        return self._core.tokens.current()

    def whoami(self, *, member: bool = True) -> Identity:
        """Who the credentials belong to: ids, name, email and account type
        (``member=False``: the ids only, one request fewer)."""
        from sigmakit._sync.resources.whoami import WhoAmI

        return WhoAmI(self._core).get(member=member)

    def request(
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

            sigma.request("GET", "/v2/members/{memberId}", path_params={"memberId": mid})
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
        return self._core.request(call.method, call.url, params=call.params, json=json)

    def paginate(
        self,
        path: str,
        *,
        params: Params | None = None,
        path_params: Mapping[str, str] | None = None,
        check: bool = True,
    ) -> Paginator[dict[str, Any]]:
        """Every entry of a paged list (a GET), fetched lazily page by page, in either of
        Sigma's cursor styles (``page``/``nextPage`` or ``pageToken``/``nextPageToken``).

        Checked like :meth:`request`, when called (before iterating). A ``limit`` or
        ``pageSize`` in ``params`` is the page size (default: 1,000 for ``limit`` lists, the
        server's own for token lists); a ``page`` or ``pageToken`` is where to start.

            for member in sigma.paginate("/v2/members", params={"includeArchived": True}):
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
        return Paginator(self._core, call.url, dict, params=rest, page_size=size, style=style)

    def close(self) -> None:
        self._core.close()

    def __enter__(self) -> Sigma:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

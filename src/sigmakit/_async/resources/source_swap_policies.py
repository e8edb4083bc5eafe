"""``/v2/sourceSwapPolicies``: how a deployment (or a swap inside one connection) rewrites
the connection and the table paths documents read. Every operation needs an Admin."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sigmakit._async._pagination import AsyncPaginator
from sigmakit._async.resources._base import AsyncResource
from sigmakit._errors import InputError
from sigmakit._paging import MAX_PAGE_SIZE
from sigmakit._request import path
from sigmakit.types.source_swaps import SourceSwapPolicy

__all__ = ["AsyncSourceSwapPolicies", "SourceSwapPolicy"]

_TYPES = ("connection", "deployment")


class AsyncSourceSwapPolicies(AsyncResource):
    def list(
        self, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> AsyncPaginator[SourceSwapPolicy]:
        return AsyncPaginator(
            self._core,
            "/v2/sourceSwapPolicies",
            SourceSwapPolicy.model_validate,
            page_size=page_size,
            limit=limit,
        )

    async def get(self, policy_id: str) -> SourceSwapPolicy:
        url = path("/v2/sourceSwapPolicies/{}", _id(policy_id))
        return SourceSwapPolicy.model_validate(await self._core.request("GET", url))

    async def create(
        self, *, type: str, name: str, from_connection_id: str, swaps: Mapping[str, Any]
    ) -> SourceSwapPolicy:
        """A new policy (``type`` connection or deployment; ``swaps`` as Sigma describes
        it); answers the policy as Sigma keeps it."""
        if type not in _TYPES:
            raise InputError(f"a source swap policy's type is one of {', '.join(_TYPES)}")
        if not name.strip():
            raise InputError("a source swap policy needs a name")
        body = {
            "type": type,
            "name": name.strip(),
            "fromConnectionId": _id(from_connection_id),
            "swaps": dict(swaps),
        }
        made = await self._core.request("POST", "/v2/sourceSwapPolicies", json=body)
        return await self.get(str(made["policyId"]))

    async def update(
        self,
        policy_id: str,
        *,
        name: str | None = None,
        swaps: Mapping[str, Any] | None = None,
    ) -> SourceSwapPolicy:
        body: dict[str, Any] = {}
        if name is not None:
            body["name"] = name
        if swaps is not None:
            body["swaps"] = dict(swaps)
        url = path("/v2/sourceSwapPolicies/{}", _id(policy_id))
        await self._core.request("PATCH", url, json=body)
        return await self.get(policy_id)

    async def delete(self, policy_id: str) -> None:
        await self._core.request("DELETE", path("/v2/sourceSwapPolicies/{}", _id(policy_id)))


def _id(value: str) -> str:
    wanted = value.strip()
    if not wanted:
        raise InputError("name a source swap policy or connection by id")
    return wanted

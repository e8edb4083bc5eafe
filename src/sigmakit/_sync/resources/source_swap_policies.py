# generated from src/sigmakit/_async/resources/source_swap_policies.py by scripts/unasync.py; edit that file, then `make generate`
"""``/v2/sourceSwapPolicies``: how a deployment (or a swap inside one connection) rewrites
the connection and the table paths documents read. Every operation needs an Admin."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sigmakit._errors import InputError
from sigmakit._paging import MAX_PAGE_SIZE
from sigmakit._request import path
from sigmakit._sync._pagination import Paginator
from sigmakit._sync.resources._base import Resource
from sigmakit.types.source_swaps import SourceSwapPolicy

__all__ = ["SourceSwapPolicies", "SourceSwapPolicy"]

_TYPES = ("connection", "deployment")


class SourceSwapPolicies(Resource):
    def list(
        self, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> Paginator[SourceSwapPolicy]:
        return Paginator(
            self._core,
            "/v2/sourceSwapPolicies",
            SourceSwapPolicy.model_validate,
            page_size=page_size,
            limit=limit,
        )

    def get(self, policy_id: str) -> SourceSwapPolicy:
        url = path("/v2/sourceSwapPolicies/{}", _id(policy_id))
        return SourceSwapPolicy.model_validate(self._core.request("GET", url))

    def create(
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
        made = self._core.request("POST", "/v2/sourceSwapPolicies", json=body)
        return self.get(str(made["policyId"]))

    def update(
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
        self._core.request("PATCH", url, json=body)
        return self.get(policy_id)

    def delete(self, policy_id: str) -> None:
        self._core.request("DELETE", path("/v2/sourceSwapPolicies/{}", _id(policy_id)))


def _id(value: str) -> str:
    wanted = value.strip()
    if not wanted:
        raise InputError("name a source swap policy or connection by id")
    return wanted

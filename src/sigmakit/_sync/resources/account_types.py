# generated from src/sigmakit/_async/resources/account_types.py by scripts/unasync.py; edit that file, then `make generate`
"""``/v2/accountTypes``: the organization's account types and their feature permissions, and
the one check of an account type name that member changes and onboarding go through."""

from __future__ import annotations

import builtins
from collections.abc import Iterable

from sigmakit._errors import InputError, NotFoundError, PermissionDeniedError
from sigmakit._paging import MAX_PAGE_SIZE
from sigmakit._request import path
from sigmakit._suggest import suggestion
from sigmakit._sync._pagination import Paginator
from sigmakit._sync.resources._base import Resource
from sigmakit.types.account_types import AccountType, AccountTypePermission, _names

__all__ = ["AccountType", "AccountTypePermission", "AccountTypes"]


class AccountTypes(Resource):
    def list(
        self, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> Paginator[AccountType]:
        """Every account type, fetched lazily. This list pages with ``pageSize`` /
        ``pageToken`` and answers ``nextPageToken`` (absent on the last page)."""
        return Paginator(
            self._core,
            "/v2/accountTypes",
            AccountType.model_validate,
            page_size=page_size,
            limit=limit,
            style="token",
        )

    def get(self, ref: str) -> AccountType:
        """An account type by id or by name (case-insensitive); NotFoundError names the
        organization's types."""
        types = self.list().to_list()
        wanted = ref.strip()
        for kind in types:
            if kind.account_type_id == wanted or kind.account_type_name.lower() == wanted.lower():
                return kind
        raise NotFoundError(
            404, message=f"no account type {ref!r} in this organization ({_names(types)})"
        )

    def permissions(self, ref: str) -> builtins.list[AccountTypePermission]:
        """The feature permissions an account type (id or name) enables."""
        account_type_id = self.get(ref).account_type_id
        body = self._core.request("GET", path("/v2/accountTypes/{}/permissions", account_type_id))
        return [AccountTypePermission.model_validate(raw) for raw in body]

    def check(self, name: str) -> str:
        """``name`` as the organization spells it (matched case-insensitively), for a member
        create or update; an :class:`InputError` naming the valid types if it has none such.

        Credentials that may not read account types (not an Admin's), or a Sigma without the
        list, leave the name to the server: it is returned unchanged.
        """
        return self.check_all([name])[name]

    def check_all(self, names: Iterable[str]) -> dict[str, str]:
        """:meth:`check` for many names with one read of the list: each name → the
        organization's spelling; one :class:`InputError` naming every unknown one."""
        wanted = list(dict.fromkeys(names))
        if any(not n.strip() for n in wanted):
            raise InputError("an account type cannot be empty")
        try:
            types = self.list().to_list()
        except (PermissionDeniedError, NotFoundError):
            return {n: n.strip() for n in wanted}
        spelled = {t.account_type_name.lower(): t.account_type_name for t in types}
        unknown = [n for n in wanted if n.strip().lower() not in spelled]
        if unknown:
            listed = ", ".join(repr(n) for n in unknown)
            hint = suggestion(unknown[0], spelled.values(), aside=True) if len(unknown) == 1 else ""
            raise InputError(
                f"unknown account type{'s' if len(unknown) > 1 else ''} {listed}{hint}: "
                f"this organization has {_names(types)}"
            )
        return {n: spelled[n.strip().lower()] for n in wanted}

"""The models and pure helpers of ``sigmakit.resources.account_types`` (shared by the sync and the async
resource)."""

from __future__ import annotations

from sigmakit._models import SigmaModel

__all__ = ["AccountType", "AccountTypePermission"]


class AccountType(SigmaModel):
    account_type_id: str
    account_type_name: str
    description: str = ""
    #: False for Sigma's own types (Admin, Pro, Essential, Lite), True for the organization's
    is_custom: bool = False


class AccountTypePermission(SigmaModel):
    #: e.g. ``view-worksheet``
    permission: str
    description: str = ""


def _names(types: list[AccountType]) -> str:
    return ", ".join(t.account_type_name for t in types) or "no account types"

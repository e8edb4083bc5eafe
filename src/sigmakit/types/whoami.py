"""The model of who the credentials belong to (``sigma.whoami()``): :class:`Identity`.

The pure helpers the resource needs (``MEMBER_FIELDS``, ``full_name``) live in
``_whoami.py``, so that reading the identity without building it (``sigmakit auth check``
prints it as it comes) never imports pydantic.
"""

from __future__ import annotations

from sigmakit._models import SigmaModel
from sigmakit.types._whoami import MEMBER_FIELDS, full_name

__all__ = ["MEMBER_FIELDS", "Identity", "full_name"]


class Identity(SigmaModel):
    user_id: str
    organization_id: str
    #: from the member (None when the credentials may not read it, or ``member=False``)
    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    #: the account type (``memberType``): Admin, Pro... or the organization's own
    member_type: str | None = None

    @property
    def name(self) -> str | None:
        """``First Last``, when the member was read."""
        return full_name(self.first_name, self.last_name)

    @property
    def account_type(self) -> str | None:
        return self.member_type

"""``/v2/whoami``: the member behind the credentials.

Generated in ``sigmakit._sync.resources.whoami``; re-exported here.
The model (:class:`Identity`, in ``sigmakit.types.whoami``) is imported only when asked for,
so that ``sigmakit auth check`` never imports pydantic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sigmakit._sync.resources.whoami import WhoAmI as WhoAmI
from sigmakit._sync.resources.whoami import full_name as full_name

if TYPE_CHECKING:
    from sigmakit.types.whoami import Identity as Identity

__all__ = ["Identity", "WhoAmI", "full_name"]


def __getattr__(name: str) -> object:
    if name == "Identity":
        from sigmakit.types.whoami import Identity

        return Identity
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

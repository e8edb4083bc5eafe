"""One module per API resource. Each class holds thin methods, one per endpoint."""

from .members import Member, Members
from .whoami import Identity, WhoAmI

__all__ = ["Identity", "Member", "Members", "WhoAmI"]

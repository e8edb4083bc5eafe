"""One module per API resource. Each class holds thin methods, one per endpoint."""

from ._grants import Grant, NewGrant
from .account_types import AccountType, AccountTypePermission, AccountTypes
from .connections import Connection, ConnectionLookup, ConnectionPath, Connections
from .files import File, Files, RecentFile
from .members import Member, Members
from .teams import Team, TeamMember, Teams
from .whoami import Identity, WhoAmI
from .workbooks import (
    Column,
    Control,
    Element,
    Embed,
    Materialization,
    MaterializationSchedule,
    Page,
    QueryDownload,
    Workbook,
    Workbooks,
)
from .workspaces import Workspace, Workspaces

__all__ = [
    "AccountType",
    "AccountTypePermission",
    "AccountTypes",
    "Column",
    "Connection",
    "ConnectionLookup",
    "ConnectionPath",
    "Connections",
    "Control",
    "Element",
    "Embed",
    "File",
    "Files",
    "Grant",
    "Identity",
    "Materialization",
    "MaterializationSchedule",
    "Member",
    "Members",
    "NewGrant",
    "Page",
    "QueryDownload",
    "RecentFile",
    "Team",
    "TeamMember",
    "Teams",
    "WhoAmI",
    "Workbook",
    "Workbooks",
    "Workspace",
    "Workspaces",
]

"""One module per API resource. Each class holds thin methods, one per endpoint.

Names load from their module on first use, so a command that talks to one resource
builds only that resource's models (pydantic builds each model class as it is defined).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._grants import Grant, NewGrant
    from ._identity import Identity
    from .account_types import AccountType, AccountTypePermission, AccountTypes
    from .connections import Connection, ConnectionLookup, ConnectionPath, Connections
    from .data_models import DataModel, DataModels
    from .favorites import Favorites
    from .files import File, Files, RecentFile
    from .members import Member, Members
    from .schedules import Schedule, Schedules, ScheduleTiming
    from .tags import Tag, TagAssignment, Tags, VersionMark, WorkbookVersion
    from .teams import Team, TeamMember, Teams
    from .templates import Template, Templates
    from .tenants import Tenant, Tenants, TenantWorkbook
    from .user_attributes import (
        AttributeValue,
        MemberAttributeValue,
        TeamAttributeValue,
        UserAttribute,
        UserAttributeMember,
        UserAttributes,
        UserAttributeTeam,
    )
    from .whoami import WhoAmI
    from .workbooks import (
        Bookmark,
        Column,
        Control,
        Element,
        Embed,
        Materialization,
        MaterializationSchedule,
        Page,
        QueryDownload,
        VersionTag,
        Workbook,
        Workbooks,
    )
    from .workspaces import Workspace, Workspaces

#: public name -> the module (in this package) that defines it
_MODULES: dict[str, str] = {
    **dict.fromkeys(("Grant", "NewGrant"), "._grants"),
    **dict.fromkeys(("AccountType", "AccountTypePermission", "AccountTypes"), ".account_types"),
    **dict.fromkeys(
        ("Connection", "ConnectionLookup", "ConnectionPath", "Connections"), ".connections"
    ),
    "Favorites": ".favorites",
    **dict.fromkeys(("File", "Files", "RecentFile"), ".files"),
    **dict.fromkeys(("Member", "Members"), ".members"),
    **dict.fromkeys(("Schedule", "ScheduleTiming", "Schedules"), ".schedules"),
    **dict.fromkeys(("Team", "TeamMember", "Teams"), ".teams"),
    **dict.fromkeys(
        (
            "AttributeValue",
            "MemberAttributeValue",
            "TeamAttributeValue",
            "UserAttribute",
            "UserAttributeMember",
            "UserAttributeTeam",
            "UserAttributes",
        ),
        ".user_attributes",
    ),
    **dict.fromkeys(("Tag", "TagAssignment", "Tags", "VersionMark", "WorkbookVersion"), ".tags"),
    **dict.fromkeys(("Tenant", "TenantWorkbook", "Tenants"), ".tenants"),
    **dict.fromkeys(("Template", "Templates"), ".templates"),
    "Identity": "._identity",
    "WhoAmI": ".whoami",
    **dict.fromkeys(
        (
            "Bookmark",
            "Column",
            "Control",
            "Element",
            "Embed",
            "Materialization",
            "MaterializationSchedule",
            "Page",
            "QueryDownload",
            "VersionTag",
            "Workbook",
            "Workbooks",
        ),
        ".workbooks",
    ),
    **dict.fromkeys(("DataModel", "DataModels"), ".data_models"),
    **dict.fromkeys(("Workspace", "Workspaces"), ".workspaces"),
}

__all__ = [
    "AccountType",
    "AccountTypePermission",
    "AccountTypes",
    "AttributeValue",
    "Bookmark",
    "Column",
    "Connection",
    "ConnectionLookup",
    "ConnectionPath",
    "Connections",
    "Control",
    "DataModel",
    "DataModels",
    "Element",
    "Embed",
    "Favorites",
    "File",
    "Files",
    "Grant",
    "Identity",
    "Materialization",
    "MaterializationSchedule",
    "Member",
    "MemberAttributeValue",
    "Members",
    "NewGrant",
    "Page",
    "QueryDownload",
    "RecentFile",
    "Schedule",
    "ScheduleTiming",
    "Schedules",
    "Tag",
    "TagAssignment",
    "Tags",
    "Team",
    "TeamAttributeValue",
    "TeamMember",
    "Teams",
    "Template",
    "Templates",
    "Tenant",
    "TenantWorkbook",
    "Tenants",
    "UserAttribute",
    "UserAttributeMember",
    "UserAttributeTeam",
    "UserAttributes",
    "VersionMark",
    "VersionTag",
    "WhoAmI",
    "Workbook",
    "WorkbookVersion",
    "Workbooks",
    "Workspace",
    "Workspaces",
]


def __getattr__(name: str) -> object:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)

"""sigmakit: automate Sigma Computing from Python.

The public surface is exactly ``__all__``; everything in a module whose name starts
with an underscore may change without notice.
"""

from __future__ import annotations

from ._version import __version__

# ``typing`` is not imported at run time: ``sigmakit --help`` answered from its cache
# loads nothing else (type checkers take any name TYPE_CHECKING as true).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ._async._client import AsyncSigma
    from ._async._pagination import AsyncPaginator
    from ._auth import FileTokenCache, MemoryTokenCache, Token
    from ._client import Sigma
    from ._errors import (
        APIConnectionError,
        APIStatusError,
        APITimeoutError,
        AuthenticationError,
        BadRequestError,
        ConfigError,
        ConflictError,
        InputError,
        JobError,
        JobFailedError,
        JobTimeoutError,
        NotFoundError,
        PermissionDeniedError,
        RateLimitError,
        ServerError,
        ServerUnreachableError,
        SigmaError,
        UnknownOperationError,
    )
    from ._pagination import PaginationError, Paginator
    from ._retry import RetryPolicy
    from ._settings import REGIONS, Settings, load_settings
    from .jobs import (
        DownloadResult,
        Progress,
        check_export_target,
        download_export,
        export_to_file,
        wait_for_materialization,
    )
    from .resources import (
        AccountType,
        AccountTypePermission,
        Bookmark,
        Column,
        Connection,
        Control,
        DataModel,
        Element,
        Embed,
        File,
        Grant,
        Identity,
        Materialization,
        MaterializationSchedule,
        Member,
        NewGrant,
        Page,
        QueryDownload,
        RecentFile,
        Schedule,
        ScheduleTiming,
        Tag,
        TagAssignment,
        Team,
        TeamMember,
        Template,
        Tenant,
        TenantWorkbook,
        VersionMark,
        VersionTag,
        Workbook,
        WorkbookVersion,
        Workspace,
    )
    from .resources.user_attributes import (
        AttributeValue,
        MemberAttributeValue,
        TeamAttributeValue,
        UserAttribute,
        UserAttributeMember,
        UserAttributeTeam,
    )

# Imports are lazy so that ``import sigmakit`` (and so ``sigmakit --help``) stays fast:
# each public name is loaded from its module on first use. Add a public name here (and
# to the TYPE_CHECKING block above, for type checkers).
_LAZY: dict[str, str] = {
    **dict.fromkeys(("FileTokenCache", "MemoryTokenCache", "Token"), "._auth"),
    "Sigma": "._client",
    # the async client: only these import asyncio and the async modules
    "AsyncSigma": "._async._client",
    "AsyncPaginator": "._async._pagination",
    **dict.fromkeys(
        (
            "APIConnectionError",
            "APIStatusError",
            "APITimeoutError",
            "AuthenticationError",
            "BadRequestError",
            "ConfigError",
            "ConflictError",
            "InputError",
            "JobError",
            "JobFailedError",
            "JobTimeoutError",
            "NotFoundError",
            "PermissionDeniedError",
            "RateLimitError",
            "ServerError",
            "ServerUnreachableError",
            "SigmaError",
            "UnknownOperationError",
        ),
        "._errors",
    ),
    **dict.fromkeys(("PaginationError", "Paginator"), "._pagination"),
    "RetryPolicy": "._retry",
    **dict.fromkeys(("REGIONS", "Settings", "load_settings"), "._settings"),
    **dict.fromkeys(("Identity", "Member"), ".resources"),
    **dict.fromkeys(
        (
            "AccountType",
            "AccountTypePermission",
            "Bookmark",
            "Column",
            "Connection",
            "Control",
            "Element",
            "Embed",
            "File",
            "Grant",
            "Materialization",
            "MaterializationSchedule",
            "NewGrant",
            "Page",
            "QueryDownload",
            "RecentFile",
            "Schedule",
            "ScheduleTiming",
            "Tag",
            "TagAssignment",
            "Team",
            "TeamMember",
            "Template",
            "Tenant",
            "TenantWorkbook",
            "VersionMark",
            "VersionTag",
            "Workbook",
            "WorkbookVersion",
            "Workspace",
            "DataModel",
        ),
        ".resources",
    ),
    **dict.fromkeys(
        (
            "AttributeValue",
            "MemberAttributeValue",
            "TeamAttributeValue",
            "UserAttribute",
            "UserAttributeMember",
            "UserAttributeTeam",
        ),
        ".resources",
    ),
    **dict.fromkeys(
        (
            "DownloadResult",
            "Progress",
            "check_export_target",
            "download_export",
            "export_to_file",
            "wait_for_materialization",
        ),
        ".jobs",
    ),
}

__all__ = [
    "REGIONS",
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AccountType",
    "AccountTypePermission",
    "AsyncPaginator",
    "AsyncSigma",
    "AttributeValue",
    "AuthenticationError",
    "BadRequestError",
    "Bookmark",
    "Column",
    "ConfigError",
    "ConflictError",
    "Connection",
    "Control",
    "DataModel",
    "DownloadResult",
    "Element",
    "Embed",
    "File",
    "FileTokenCache",
    "Grant",
    "Identity",
    "InputError",
    "JobError",
    "JobFailedError",
    "JobTimeoutError",
    "Materialization",
    "MaterializationSchedule",
    "Member",
    "MemberAttributeValue",
    "MemoryTokenCache",
    "NewGrant",
    "NotFoundError",
    "Page",
    "PaginationError",
    "Paginator",
    "PermissionDeniedError",
    "Progress",
    "QueryDownload",
    "RateLimitError",
    "RecentFile",
    "RetryPolicy",
    "Schedule",
    "ScheduleTiming",
    "ServerError",
    "ServerUnreachableError",
    "Settings",
    "Sigma",
    "SigmaError",
    "Tag",
    "TagAssignment",
    "Team",
    "TeamAttributeValue",
    "TeamMember",
    "Template",
    "Tenant",
    "TenantWorkbook",
    "Token",
    "UnknownOperationError",
    "UserAttribute",
    "UserAttributeMember",
    "UserAttributeTeam",
    "VersionMark",
    "VersionTag",
    "Workbook",
    "WorkbookVersion",
    "Workspace",
    "__version__",
    "check_export_target",
    "download_export",
    "export_to_file",
    "load_settings",
    "wait_for_materialization",
]


def __getattr__(name: str) -> Any:
    import importlib

    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'sigmakit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)

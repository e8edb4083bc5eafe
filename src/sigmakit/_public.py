"""The public names, declared once.

``scripts/public_names.py`` writes from this table the ``__all__``, the lazy map and the
``TYPE_CHECKING`` imports of ``sigmakit/__init__.py`` and ``sigmakit/resources/__init__.py``
(``make generate``; ``make lint`` checks they are current). A new public model is one line
here, then ``make generate``. Nothing imports this module at run time: the packages keep
their tables inline, so ``import sigmakit`` stays as fast as it was.
"""

from __future__ import annotations

#: where a name is public: ``sigmakit``, ``sigmakit.resources``, or both
ROOT = ("sigmakit",)
RESOURCES = ("sigmakit.resources",)
BOTH = ("sigmakit", "sigmakit.resources")

#: (the module that defines the names, the names, where they are public); a name is loaded
#: from its module on first use, so point at the lightest module that has it
PUBLIC: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("sigmakit._async._client", ("AsyncSigma",), ROOT),
    ("sigmakit._async._pagination", ("AsyncPaginator",), ROOT),
    (
        "sigmakit._auth",
        (
            "FileTokenCache",
            "MemoryTokenCache",
            "Token",
        ),
        ROOT,
    ),
    ("sigmakit._client", ("Sigma",), ROOT),
    (
        "sigmakit._errors",
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
        ROOT,
    ),
    ("sigmakit._pagination", ("Paginator",), ROOT),
    ("sigmakit._paging", ("PaginationError",), ROOT),
    ("sigmakit._retry", ("RetryPolicy",), ROOT),
    (
        "sigmakit._settings",
        (
            "REGIONS",
            "Settings",
            "load_settings",
        ),
        ROOT,
    ),
    ("sigmakit._exports", ("ExportRequest",), ROOT),
    (
        "sigmakit.jobs",
        (
            "DownloadResult",
            "PollOptions",
            "Progress",
            "check_export_target",
            "download_export",
            "export_to_file",
            "wait_for_materialization",
        ),
        ROOT,
    ),
    ("sigmakit.resources.account_types", ("AccountTypes",), RESOURCES),
    ("sigmakit.resources.connections", ("Connections",), RESOURCES),
    ("sigmakit.resources.data_models", ("DataModels",), RESOURCES),
    (
        "sigmakit.resources.deployment_policies",
        ("DeployableTenant", "DeploymentPolicies", "DeploymentPolicy", "PolicyDocument"),
        RESOURCES,
    ),
    ("sigmakit.resources.favorites", ("Favorites",), RESOURCES),
    ("sigmakit.resources.files", ("Files",), RESOURCES),
    ("sigmakit.resources.materialization_schedules", ("MaterializationSchedules",), RESOURCES),
    ("sigmakit.resources.members", ("Members",), RESOURCES),
    ("sigmakit.resources.reports", ("Reports",), RESOURCES),
    ("sigmakit.resources.schedules", ("Schedules",), RESOURCES),
    ("sigmakit.resources.shortcuts", ("Shortcuts",), RESOURCES),
    (
        "sigmakit.resources.source_swap_policies",
        ("SourceSwapPolicies", "SourceSwapPolicy"),
        RESOURCES,
    ),
    ("sigmakit.resources.tags", ("Tags",), RESOURCES),
    ("sigmakit.resources.teams", ("Teams",), RESOURCES),
    ("sigmakit.resources.templates", ("Templates",), RESOURCES),
    ("sigmakit.resources.tenants", ("Tenants",), RESOURCES),
    ("sigmakit.resources.user_attributes", ("UserAttributes",), RESOURCES),
    ("sigmakit.resources.whoami", ("WhoAmI",), RESOURCES),
    ("sigmakit.resources.workbook_specs", ("WorkbookSpecs",), RESOURCES),
    ("sigmakit.resources.workbooks", ("QueryDownload",), BOTH),
    ("sigmakit.resources.workbooks", ("Workbooks",), RESOURCES),
    ("sigmakit.resources.workspaces", ("Workspaces",), RESOURCES),
    (
        "sigmakit.types.account_types",
        (
            "AccountType",
            "AccountTypePermission",
        ),
        BOTH,
    ),
    ("sigmakit.types.connections", ("Connection",), BOTH),
    (
        "sigmakit.types.connections",
        (
            "ConnectionLookup",
            "ConnectionPath",
        ),
        RESOURCES,
    ),
    (
        "sigmakit.types.data_models",
        ("DataModel", "DataModelColumn", "DataModelLineage", "DataModelTag", "DatasetMigration"),
        BOTH,
    ),
    (
        "sigmakit.types.files",
        (
            "File",
            "RecentFile",
        ),
        BOTH,
    ),
    (
        "sigmakit.types.grants",
        (
            "Grant",
            "NewGrant",
        ),
        BOTH,
    ),
    ("sigmakit.types.members", ("Member",), BOTH),
    (
        "sigmakit.types.schedules",
        (
            "Schedule",
            "ScheduleTiming",
        ),
        BOTH,
    ),
    ("sigmakit.types.shortcuts", ("Shortcut", "ShortcutTarget"), BOTH),
    (
        "sigmakit.types.workbook_specs",
        ("WorkbookSpecCheck", "WorkbookSpecFailure", "WorkbookSpecWrite"),
        BOTH,
    ),
    (
        "sigmakit.types.tags",
        (
            "Tag",
            "TagAssignment",
            "VersionMark",
            "WorkbookVersion",
        ),
        BOTH,
    ),
    (
        "sigmakit.types.teams",
        (
            "Team",
            "TeamMember",
        ),
        BOTH,
    ),
    ("sigmakit.types.templates", ("Template",), BOTH),
    (
        "sigmakit.types.reports",
        (
            "Report",
            "ReportSchedule",
            "ReportSource",
            "ReportTag",
            "ReportVersion",
            "TaggedReport",
        ),
        BOTH,
    ),
    (
        "sigmakit.types.tenants",
        (
            "Tenant",
            "TenantWorkbook",
        ),
        BOTH,
    ),
    (
        "sigmakit.types.user_attributes",
        (
            "AttributeValue",
            "MemberAttributeValue",
            "TeamAttributeValue",
            "UserAttribute",
            "UserAttributeMember",
            "UserAttributeTeam",
        ),
        BOTH,
    ),
    ("sigmakit.types.whoami", ("Identity",), BOTH),
    (
        "sigmakit.types.workbooks",
        (
            "Bookmark",
            "Column",
            "Control",
            "Element",
            "Embed",
            "Materialization",
            "MaterializationSchedule",
            "Page",
            "VersionTag",
            "Workbook",
        ),
        BOTH,
    ),
    (
        "sigmakit.types.workbook_sharing",
        (
            "ConversionWarning",
            "ReportConversion",
            "SourceWorkbook",
        ),
        BOTH,
    ),
    ("sigmakit.types.workspaces", ("Workspace",), BOTH),
)

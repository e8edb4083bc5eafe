"""Every emulated resource in one list: its store, its SQL schema and its router, declared once.

``Store`` builds the stores and creates the tables in this list's order (a store may use the
ones listed above it); the app includes the routers in the same order. Adding an emulated route
means writing its store and its router, and adding one line here (see CONTRIBUTING.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fastapi import APIRouter

from .console.router import router as console_router
from .jobs import SCHEMA as JOBS_SCHEMA
from .jobs import Jobs
from .ratelimits import SCHEMA as RATE_LIMITS_SCHEMA
from .ratelimits import RateLimits
from .routes import (
    account_types,
    api_connectors,
    auth,
    bookmarks,
    connections,
    control,
    control_jobs,
    credentials,
    data_model_elements,
    data_model_specs,
    data_models,
    datasets,
    dbt_artifacts,
    deployment_policies,
    description,
    favorites,
    files,
    grants,
    materialization_schedules,
    members,
    organization,
    reports,
    saml,
    schedules,
    shortcuts,
    source_swap_policies,
    source_swaps,
    tags,
    teams,
    templates,
    tenants,
    translations,
    user_attributes,
    webhooks,
    whoami,
    workbook_contents,
    workbook_lineage,
    workbook_sharing,
    workbook_specs,
    workbooks,
    workspaces,
)
from .store import Store, retail
from .store import account_types as account_types_store
from .store import api_connectors as api_connectors_store
from .store import bookmarks as bookmarks_store
from .store import column_security as column_security_store
from .store import connections as connections_store
from .store import credentials as credentials_store
from .store import data_model_schedules as data_model_schedules_store
from .store import data_model_specs as data_model_specs_store
from .store import data_models as data_models_store
from .store import datasets as datasets_store
from .store import dbt_artifacts as dbt_artifacts_store
from .store import deployment_policies as deployment_policies_store
from .store import embeds as embeds_store
from .store import exports as exports_store
from .store import favorites as favorites_store
from .store import files as files_store
from .store import grants as grants_store
from .store import lineage as lineage_store
from .store import materializations as materializations_store
from .store import members as members_store
from .store import org as org_store
from .store import org_settings as org_settings_store
from .store import report_schedules as report_schedules_store
from .store import reports as reports_store
from .store import saml as saml_store
from .store import schedules as schedules_store
from .store import shortcuts as shortcuts_store
from .store import source_swap_policies as source_swap_policies_store
from .store import tags as tags_store
from .store import teams as teams_store
from .store import templates as templates_store
from .store import tenants as tenants_store
from .store import tokens as tokens_store
from .store import translations as translations_store
from .store import user_attributes as user_attributes_store
from .store import webhooks as webhooks_store
from .store import workbook_contents as workbook_contents_store
from .store import workbook_sharing as workbook_sharing_store
from .store import workbooks as workbooks_store
from .store.account_types import AccountTypeStore
from .store.api_connectors import ApiConnectorStore
from .store.bookmarks import BookmarkStore
from .store.column_security import ColumnSecurityStore
from .store.connections import ConnectionStore
from .store.credentials import CredentialStore
from .store.data_model_queries import DataModelQueryStore
from .store.data_model_schedules import DataModelScheduleStore
from .store.data_model_specs import DataModelSpecStore
from .store.data_model_tags import DataModelTagStore
from .store.data_models import DataModelStore
from .store.dataset_work import DatasetWork
from .store.datasets import DatasetStore
from .store.dbt_artifacts import DbtArtifactStore
from .store.deployment_policies import DeploymentPolicyStore
from .store.embeds import EmbedStore
from .store.exports import ExportStore
from .store.favorites import FavoriteStore
from .store.files import FileStore
from .store.grants import GrantStore
from .store.lineage import LineageStore
from .store.materializations import MaterializationStore
from .store.members import MemberStore
from .store.org import OrgStore
from .store.org_settings import OrgSettingStore
from .store.permissions import PermissionStore
from .store.report_schedules import ReportScheduleStore
from .store.reports import ReportStore
from .store.saml import SamlStore
from .store.schedules import ScheduleStore
from .store.shortcuts import ShortcutStore
from .store.source_swap_policies import SourceSwapPolicyStore
from .store.source_swaps import SourceSwapStore
from .store.tags import TagStore
from .store.teams import TeamStore
from .store.templates import TemplateStore
from .store.tenants import TenantStore
from .store.tokens import TokenStore
from .store.translations import TranslationStore
from .store.user_attributes import UserAttributeStore
from .store.webhooks import WebhookStore
from .store.workbook_contents import WorkbookContentsStore
from .store.workbook_sharing import WorkbookSharingStore
from .store.workbook_specs import WorkbookSpecStore
from .store.workbooks import WorkbookStore
from .store.workspaces import WorkspaceStore

__all__ = ["RESOURCES", "Resource"]


@dataclass(frozen=True)
class Resource:
    """One emulated resource; any of its three parts may be absent."""

    #: the store's attribute on ``Store``: ``store.<name>`` (or ``store.get(TheStore)``)
    name: str = ""
    #: builds the store from the stores listed above it
    build: Callable[[Store], object] | None = None
    #: its tables (``CREATE TABLE IF NOT EXISTS ...``)
    schema: str = ""
    router: APIRouter | None = None


def _schedules(s: Store) -> ScheduleStore:
    schedules_ = ScheduleStore(s.db, s.ids, s.clock, s.members, s.teams, s.workbooks, s.permissions)
    s.members.on_hand_over.append(schedules_.hand_over)
    return schedules_


def _report_schedules(s: Store) -> ReportScheduleStore:
    schedules_ = ReportScheduleStore(
        s.db, s.ids, s.clock, s.get(ReportStore), s.members, s.teams, s.permissions
    )
    s.members.on_hand_over.append(schedules_.hand_over)
    return schedules_


def _lineage(s: Store) -> LineageStore:
    datasets_ = s.get(DatasetStore)
    lineage_ = LineageStore(
        s.db, s.org, s.workbooks, s.get(DataModelStore), datasets_, s.connections
    )
    datasets_.readers = lineage_.documents_reading
    return lineage_


def _source_swaps(s: Store) -> SourceSwapStore:
    swaps = SourceSwapStore(
        s.workbooks,
        s.get(DataModelStore),
        s.get(DatasetStore),
        s.connections,
        s.get(LineageStore),
    )
    s.workbooks.on_copy.append(swaps.copy_sources)
    return swaps


def _deployment_policies(s: Store) -> DeploymentPolicyStore:
    policies = DeploymentPolicyStore(
        s.db,
        s.ids,
        s.clock,
        s.permissions,
        s.files,
        s.tags,
        s.tenants,
        s.get(SourceSwapPolicyStore),
    )
    s.tags.on_tag.append(policies.on_tag)
    return policies


def _teams(s: Store) -> TeamStore:
    teams_ = TeamStore(s.db, s.ids, s.clock, s.workspaces.team_folder, s.members, s.grants)
    s.members.on_create.append(teams_.add_from_member_create)
    return teams_


# fmt: off
RESOURCES: tuple[Resource, ...] = (
    Resource(router=auth.router),
    Resource(router=control.router),
    Resource(router=control_jobs.router),
    Resource("org", lambda s: OrgStore(s.db), org_store.SCHEMA),
    Resource("account_types", lambda s: AccountTypeStore(s.db, s.org),
             account_types_store.SCHEMA,
             account_types.router),
    Resource("tokens", lambda s: TokenStore(s.db, s.ids, s.clock), tokens_store.SCHEMA),
    Resource("permissions", lambda s: PermissionStore(s)),
    Resource("files", lambda s: FileStore(s.db, s.ids, s.clock, s.org, s.permissions),
             files_store.SCHEMA),
    Resource("members", lambda s: MemberStore(s.db, s.ids, s.clock, s.org, s.files,
                                              s.account_types),
             members_store.SCHEMA, members.router),
    Resource(router=whoami.router),
    Resource(router=description.router),
    Resource("grants", lambda s: GrantStore(s.db, s.ids, s.clock, s.org, s.files, s.members),
             grants_store.SCHEMA),
    Resource("workspaces", lambda s: WorkspaceStore(s.db, s.clock, s.files, s.grants)),
    Resource("teams", _teams, teams_store.SCHEMA, teams.router),
    Resource(router=workspaces.router),
    Resource("connections", lambda s: ConnectionStore(s.db, s.ids, s.clock, s.org,
                                                      s.account_types, s.files, s.grants),
             connections_store.SCHEMA, connections.router),
    Resource(router=grants.router),
    Resource(router=files.router),
    Resource(schema=retail.SCHEMA),
    Resource("jobs", lambda s: Jobs(s.db, s.clock), JOBS_SCHEMA),
    Resource("workbooks", lambda s: WorkbookStore(s.db, s.ids, s.clock, s.org, s.files,
                                                  s.permissions),
             workbooks_store.SCHEMA, workbooks.router),
    Resource("embeds", lambda s: EmbedStore(s.db, s.ids, s.clock, s.org, s.workbooks),
             embeds_store.SCHEMA),
    Resource("materializations", lambda s: MaterializationStore(s.db, s.ids, s.workbooks, s.jobs),
             materializations_store.SCHEMA),
    Resource("exports", lambda s: ExportStore(s.db, s.ids, s.clock, s.jobs, s.workbooks),
             exports_store.SCHEMA),
    Resource("favorites", lambda s: FavoriteStore(s.db, s.clock, s.members, s.files, s.permissions),
             favorites_store.SCHEMA, favorites.router),
    Resource("schedules", _schedules, schedules_store.SCHEMA, schedules.router),
    Resource("tags", lambda s: TagStore(s.db, s.ids, s.clock, s.permissions, s.workbooks,
                                      s.connections),
             tags_store.SCHEMA, tags.router),
    Resource("tenants", lambda s: TenantStore(s.db, s.ids, s.clock, s.org, s.permissions,
                                              s.workbooks),
             tenants_store.SCHEMA, tenants.router),
    Resource("user_attributes", lambda s: UserAttributeStore(s.db, s.ids, s.clock, s.permissions,
                                                             s.tenants.exists, members=s.members,
                                                             teams=s.teams),
             user_attributes_store.SCHEMA, user_attributes.router),
    Resource("bookmarks", lambda s: BookmarkStore(s.db, s.ids, s.clock, s.workbooks),
             bookmarks_store.SCHEMA, bookmarks.router),
    Resource("data_models", lambda s: DataModelStore(s.db, s.ids, s.clock, s.org, s.files,
                                                     s.permissions, s.jobs, s.connections),
             data_models_store.SCHEMA, data_models.router),
    Resource("data_model_schedules",
             lambda s: DataModelScheduleStore(s.db, s.ids, s.get(DataModelStore), s.jobs),
             data_model_schedules_store.SCHEMA, materialization_schedules.router),
    Resource("shortcuts", lambda s: ShortcutStore(s.db, s.ids, s.clock, s.files),
             shortcuts_store.SCHEMA, shortcuts.router),
    Resource("data_model_queries", lambda s: DataModelQueryStore(s.get(DataModelStore))),
    Resource("column_security",
             lambda s: ColumnSecurityStore(s.db, s.ids, s.get(DataModelStore)),
             column_security_store.SCHEMA, data_model_elements.router),
    Resource("data_model_specs", lambda s: DataModelSpecStore(s.db, s.clock, s.files,
                                                              s.get(DataModelStore)),
             data_model_specs_store.SCHEMA, data_model_specs.router),
    Resource("datasets", lambda s: DatasetStore(s.db, s.org, s.files, s.permissions),
             datasets_store.SCHEMA, datasets.router),
    Resource("lineage", _lineage, lineage_store.SCHEMA, workbook_lineage.router),
    Resource("dataset_work", lambda s: DatasetWork(s.db, s.ids, s.clock, s.jobs, s.files,
                                                   s.get(DatasetStore), s.get(DataModelStore),
                                                   s.get(LineageStore))),
    Resource("workbook_contents", lambda s: WorkbookContentsStore(s.db, s.workbooks,
                                                                  s.get(LineageStore),
                                                                  s.connections,
                                                                  s.get(DataModelStore),
                                                                  s.get(DatasetStore)),
             workbook_contents_store.SCHEMA, workbook_contents.router),
    Resource("workbook_specs", lambda s: WorkbookSpecStore(s.get(WorkbookContentsStore)),
             router=workbook_specs.router),
    Resource("credentials", lambda s: CredentialStore(s.db, s.ids, s.clock, s.org,
                                                      s.account_types),
             credentials_store.SCHEMA, credentials.router),
    Resource("api_connectors", lambda s: ApiConnectorStore(
                 s.db, s.ids, s.clock,
                 lambda m: s.account_types.holds(m, "manage-api-connectors"),
                 s.get(CredentialStore).allowlist),
             api_connectors_store.SCHEMA, api_connectors.router),
    Resource("templates", lambda s: TemplateStore(s.db, s.ids, s.clock, s.org, s.files, s.members,
                                                  s.workbooks, s.connections, s.permissions),
             templates_store.SCHEMA, templates.router),
    Resource("org_settings", lambda s: OrgSettingStore(s.db), org_settings_store.SCHEMA,
             organization.router),
    Resource("translations", lambda s: TranslationStore(s.db, s.clock, s.permissions.is_admin),
             translations_store.SCHEMA, translations.router),
    Resource("saml", lambda s: SamlStore(s.db, s.ids, s.clock, s.permissions.is_admin),
             saml_store.SCHEMA, saml.router),
    Resource("reports", lambda s: ReportStore(s.db, s.ids, s.clock, s.org, s.files, s.permissions,
                                              s.jobs, s.tags, s.get(LineageStore)),
             reports_store.SCHEMA, reports.router),
    Resource("report_schedules", _report_schedules, report_schedules_store.SCHEMA),
    Resource("workbook_sharing", lambda s: WorkbookSharingStore(
        s.db, s.clock, s.org, s.members, s.teams, s.workbooks, s.exports, s.get(ReportStore),
        s.get(ReportStore).lineage),
             workbook_sharing_store.SCHEMA, workbook_sharing.router),
    Resource("source_swaps", _source_swaps, router=source_swaps.router),
    Resource("data_model_tags", lambda s: DataModelTagStore(s.get(DataModelStore), s.tags,
                                                            s.connections)),
    Resource("source_swap_policies", lambda s: SourceSwapPolicyStore(
        s.db, s.ids, s.clock, s.permissions, s.connections, s.get(UserAttributeStore)),
             source_swap_policies_store.SCHEMA, source_swap_policies.router),
    Resource("deployment_policies", _deployment_policies, deployment_policies_store.SCHEMA,
             deployment_policies.router),
    Resource("dbt_artifacts", lambda s: DbtArtifactStore(
        s.db, s.clock, s.connections, lambda m: s.account_types.holds(m, "manage-connections")),
             dbt_artifacts_store.SCHEMA, dbt_artifacts.router),
    Resource("webhooks", lambda s: WebhookStore(s.db, s.ids, s.clock, s.workbooks),
             webhooks_store.SCHEMA, webhooks.router),
    Resource("rate_limits", lambda s: RateLimits(s.db, s.clock), RATE_LIMITS_SCHEMA),
    # last: the console reads the routes above
    Resource(router=console_router),
)
# fmt: on

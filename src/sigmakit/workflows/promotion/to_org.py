"""Promotion to another organization (``sigmakit promote ... --to-profile NAME``): the
tagged version's contents, their sources mapped as a source map says, created in (or laid
over the copy already in) the target organization, which tags its copy with the same tag.

The target copy is the map's ``documents`` entry for the workbook, else the workbook of the
same name in the target folder (``--to-folder``, else the map's ``folders`` entry for the
workbook's folder). Each time the copy's contents change, its earlier ``documentVersion``
goes into the ledger (:mod:`.ledger`), so :func:`rollback_org` can lay those contents down
again. Reading happens in :func:`plan_org_promotion`; nothing changes until
:func:`apply_org_promotion`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..._errors import InputError, NotFoundError
from ..code.diff import NOT_COMPARED, changes
from ..code.kinds import WORKBOOK
from ..promote import Promotion
from ..promote import plan_promotion as plan_tag
from ..promote import promote as tag_version
from ..report import Item, Report, Status
from .ledger import Ledger

if TYPE_CHECKING:
    from ..._client import Sigma
    from ...resources.tags import Tag
    from ..source_map import SourceMap

__all__ = ["OrgPlan", "apply_org_promotion", "plan_org_promotion", "rollback_org", "verify_org"]

#: the ledger's key for the copy's contents (next to its tags' versions)
_CONTENTS = "contents"


@dataclass
class OrgPlan:
    tag: Promotion
    #: resolved against the target: its keys the source's ids, its values the target's
    source_map: SourceMap
    folder_id: str
    #: the tagged version's contents, their sources mapped
    desired: dict[str, Any]
    #: the copy in the target (None: to create) and its contents there
    copy_id: str | None = None
    remote: dict[str, Any] | None = None
    #: what laying ``desired`` over the copy changes
    changes: list[str] = field(default_factory=list)
    #: the tag in the target (None: to create) and the copy's version it marks now
    target_tag: Tag | None = None
    tagged_version: int | None = None

    @property
    def name(self) -> str:
        return self.tag.workbook.name

    @property
    def copy_version(self) -> int | None:
        version = (self.remote or {}).get("documentVersion")
        return version if isinstance(version, int) else None

    @property
    def retag(self) -> bool:
        return (
            self.copy_id is None or bool(self.changes) or self.tagged_version != self.copy_version
        )

    def items(self) -> list[Item]:
        tag = self.tag.tag.name
        out = [
            Item(
                self.name,
                Status.PLANNED if self.tag.needed else Status.ALREADY,
                self.tag.describe(),
                step="tag",
                id=self.tag.workbook.workbook_id,
            )
        ]
        if self.copy_id is None:
            message = f"create {self.name!r} in target folder {self.folder_id}"
            out.append(Item(self.name, Status.PLANNED, message, step="copy"))
        elif self.changes:
            for change in self.changes:
                out.append(Item(self.name, Status.PLANNED, change, step="copy", id=self.copy_id))
        else:
            message = f"the target copy has version {self.tag.version}'s contents, mapped"
            out.append(Item(self.name, Status.ALREADY, message, step="copy", id=self.copy_id))
        if self.target_tag is None:
            message = f"create tag {tag} in the target"
            out.append(Item(self.name, Status.PLANNED, message, step="target-tag"))
        if self.retag:
            message = f"tag the target copy {tag}"
            out.append(Item(self.name, Status.PLANNED, message, step="target-tag"))
        else:
            message = f"the target copy's version {self.copy_version} is tagged {tag}"
            out.append(Item(self.name, Status.ALREADY, message, step="target-tag"))
        return out

    @property
    def pending(self) -> bool:
        return any(i.status is Status.PLANNED for i in self.items())


def _find_copy(target: Sigma, plan: OrgPlan, workbook_id: str) -> str | None:
    mapped = plan.source_map.documents.get(workbook_id)
    if mapped is not None:
        try:
            return target.workbooks.get(mapped).workbook_id
        except NotFoundError:
            raise InputError(
                f"map: documents.{workbook_id}: no workbook {mapped} in the target"
            ) from None
    for workbook in target.workbooks.list():
        if workbook.name == plan.name and target.files.get(workbook.workbook_id).parent_id == (
            plan.folder_id
        ):
            return workbook.workbook_id
    return None


def plan_org_promotion(
    source: Sigma,
    target: Sigma,
    workbook: str,
    tag: str,
    source_map: SourceMap,
    *,
    version: int | str | None = None,
    folder: str | None = None,
) -> OrgPlan:
    """Read what promoting ``workbook`` under ``tag`` into ``target`` would change. Bad
    input (a map the target cannot satisfy, a folder that is not one) is an error here."""
    tag_plan = plan_tag(source, workbook, tag, version=version)
    found = tag_plan.workbook
    try:
        contents = source.workbooks.get_contents(
            found.workbook_id, document_version=tag_plan.version
        )
    except NotFoundError:
        raise InputError(
            f"{found.name}: Sigma keeps no contents of version {tag_plan.version}"
        ) from None
    resolved = source_map.resolved(source, target).resolve(target)
    resolved.check_elements(target, contents)
    desired = resolved.apply(contents)
    folder = folder or resolved.folders.get(str(contents.get("folderId")))
    if folder is None:
        raise InputError(
            f"name the target folder: --to-folder, or map folder {contents.get('folderId')} "
            "under folders"
        )
    there = target.files.get(folder)
    if there.type not in ("folder", "workspace"):
        raise InputError(f"{there.name} in the target is a {there.type}, not a folder")
    desired["folderId"] = there.id
    plan = OrgPlan(tag_plan, resolved, there.id, desired)
    plan.copy_id = _find_copy(target, plan, found.workbook_id)
    if plan.copy_id is not None:
        plan.remote = WORKBOOK.get(target, plan.copy_id)
        plan.changes = changes(plan.remote, desired)
    try:
        plan.target_tag = target.tags.get(tag_plan.tag.name)
    except NotFoundError:
        plan.target_tag = None
    if plan.target_tag is not None and plan.copy_id is not None:
        plan.tagged_version = next(
            (
                int(t.source_workbook_version)
                for t in target.tags.workbook_tags(plan.copy_id)
                if t.version_tag_id == plan.target_tag.version_tag_id
                and t.source_workbook_version is not None
            ),
            None,
        )
    return plan


def apply_org_promotion(
    source: Sigma, target: Sigma, plan: OrgPlan, *, ledger: Ledger | None = None
) -> Report:
    """Tag the source version, lay its mapped contents down in the target, tag the copy."""
    book = ledger or Ledger()
    name, tag = plan.name, plan.tag
    if tag.moves and tag.current is not None:
        book.remember(tag.workbook.workbook_id, tag.tag.version_tag_id, tag.current)
    step = tag_version(source, tag)
    items = [Item(name, step.status, step.message, step="tag", id=step.id)]
    body = {k: v for k, v in plan.desired.items() if k not in NOT_COMPARED}
    if plan.copy_id is None:
        made, version = WORKBOOK.create(target, body, plan.folder_id)
        plan.copy_id, plan.remote = made, {"documentVersion": version}
        message = f"created in the target folder {plan.folder_id}, version {version}"
        items.append(Item(name, Status.CREATED, message, step="copy", id=made))
    elif plan.changes:
        assert plan.copy_version is not None
        book.remember(plan.copy_id, _CONTENTS, plan.copy_version)
        answer = WORKBOOK.update(target, plan.copy_id, body, plan.copy_version)
        plan.remote = answer
        message = f"contents laid down: {len(plan.changes)} change(s), version {answer['documentVersion']}"
        items.append(Item(name, Status.CHANGED, message, step="copy", id=plan.copy_id))
    else:
        message = f"the target copy has version {tag.version}'s contents"
        items.append(Item(name, Status.ALREADY, message, step="copy", id=plan.copy_id))
    items.append(_tag_copy(target, plan))
    return Report(items)


def _tag_copy(target: Sigma, plan: OrgPlan) -> Item:
    name, tag_name = plan.name, plan.tag.tag.name
    assert plan.copy_id is not None
    if plan.target_tag is None:
        plan.target_tag = target.tags.create(tag_name, description=plan.tag.tag.description)
    version = plan.copy_version
    if plan.tagged_version is not None and plan.tagged_version == version:
        message = f"the target copy's version {version} is tagged {tag_name}"
        return Item(name, Status.ALREADY, message, step="target-tag", id=plan.copy_id)
    target.tags.tag_workbook(plan.copy_id, plan.target_tag, version=version)
    plan.tagged_version = version
    message = f"the target copy's version {version} tagged {tag_name}"
    return Item(name, Status.CREATED, message, step="target-tag", id=plan.copy_id)


def _mapped_sources(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        e["source"] | {"element": e.get("id")}
        for p in document.get("pages") or []
        for e in p.get("elements") or []
        if isinstance(e, dict) and isinstance(e.get("source"), dict)
    ]


def verify_org(target: Sigma, plan: OrgPlan) -> list[str]:
    """What the target copy reads that the map says it should not (empty: verified): its
    sources (``GET /v2/workbooks/{id}/sources``) and each data model element's lineage."""
    if plan.copy_id is None:
        return ["the target copy is not there"]
    wanted = plan.source_map
    reads_connections: set[str] = set()
    reads_models: set[str] = set()
    for s in target.workbooks.sources(plan.copy_id):
        if s.type == "custom-sql" and s.connection_id:
            reads_connections.add(s.connection_id)
        elif s.type == "data-model" and s.data_model_id:
            reads_models.add(s.data_model_id)
    problems = []
    for frm, to in wanted.connections.items():
        if frm != to and frm in reads_connections:
            problems.append(f"the target copy still reads connection {frm} (map: {to})")
    for frm, to in wanted.data_models.items():
        if frm != to and frm in reads_models:
            problems.append(f"the target copy still reads data model {frm} (map: {to})")
    lineage = target.request(
        "GET", "/v2/workbooks/{workbookId}/lineage", path_params={"workbookId": plan.copy_id}
    ).get("entries", [])
    by_element = {e.get("elementId"): e for e in lineage if e.get("elementId")}
    for source in _mapped_sources(plan.desired):
        if source.get("kind") == "sql" and source.get("connectionId") not in reads_connections:
            problems.append(
                f"the target copy does not read connection {source.get('connectionId')}"
            )
        if source.get("kind") != "data-model":
            continue
        model = source.get("dataModelId")
        got = (by_element.get(source["element"]) or {}).get("dataSourceIds") or []
        if model not in got:
            problems.append(
                f"element {source['element']} of the target copy reads {', '.join(got) or 'nothing'}"
                f" (map: data model {model})"
            )
    return problems


def rollback_org(
    target: Sigma, workbook_name: str, tag: str, *, ledger: Ledger | None = None
) -> Item:
    """Lay the target copy's contents before the last promotion down again (a new version)
    and tag it: the copy is the one in the target the tag marks, of the workbook's name."""
    book = ledger or Ledger()
    found_tag = target.tags.get(tag)
    copies = [w for w in target.tags.workbooks(found_tag) if w.name == workbook_name]
    if not copies:
        raise InputError(f"no workbook {workbook_name!r} in the target is tagged {found_tag.name}")
    copy_id = copies[0].workbook_id
    previous = book.previous(copy_id, _CONTENTS)
    if previous is None:
        raise InputError(
            f"no earlier contents of {workbook_name!r} in the target are recorded in "
            f"{book.path}: promote changed no copy there to roll back"
        )
    old = WORKBOOK.get(target, copy_id)
    before = target.workbooks.get_contents(copy_id, document_version=previous)
    body = {k: v for k, v in before.items() if k not in NOT_COMPARED}
    answer = WORKBOOK.update(target, copy_id, body, old.get("documentVersion"))
    version = int(answer["documentVersion"])
    target.tags.tag_workbook(copy_id, found_tag, version=version)
    book.forget_last(copy_id, _CONTENTS)
    message = (
        f"the target copy has version {previous}'s contents again (version {version}, "
        f"tagged {found_tag.name})"
    )
    return Item(workbook_name, Status.CHANGED, message, step="rollback", id=copy_id)

"""Promotion to another organization (``sigmakit promote ... --to-profile NAME``): the
tagged version's contents (a workbook's ``contents``, a data model's ``spec``), their
sources mapped as a source map says, created in (or laid over the copy already in) the
target organization, which tags its copy with the same tag. A data model promoted to a
folder of its own organization goes the same way (``target`` is ``source``; the copy gets
element ids of its own and no tag).

The target copy is the map's ``documents`` entry for the document, else the document of
the same name in the target folder (``--to-folder``, else the map's ``folders`` entry for
the document's folder) that an earlier promotion of this document created (the ledger's
``origins``): one that no promotion created is refused unless ``adopt``. Each time the
copy's contents change, its earlier ``documentVersion`` goes into the ledger
(:mod:`.ledger`), so :func:`rollback_org` can lay those contents down again. Reading happens in :func:`plan_org_promotion`; nothing changes until
:func:`apply_org_promotion`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..._errors import InputError, NotFoundError
from ..code.diff import NOT_COMPARED, changes
from ..code.kinds import DATA_MODEL, WORKBOOK, Kind, spec_document
from ..promote import Promotion
from ..promote import plan_promotion as plan_tag
from ..promote import promote as tag_version
from ..report import Item, Report, Status
from .ledger import Ledger
from .models import (
    ModelPromotion,
    model_tagged_version,
    plan_model_tag,
    rekeyed,
    tag_model,
    verify_model,
)

if TYPE_CHECKING:
    from ..._client import Sigma
    from ...resources.tags import Tag
    from ..source_map import SourceMap

__all__ = ["OrgPlan", "apply_org_promotion", "plan_org_promotion", "rollback_org", "verify_org"]

#: the ledger's key for the copy's contents (next to its tags' versions)
_CONTENTS = "contents"


@dataclass
class OrgPlan:
    tag: Promotion | ModelPromotion
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
    kind: Kind = WORKBOOK
    #: the target is the source's organization (a data model to a folder): no target tag
    same_org: bool = False

    @property
    def name(self) -> str:
        return self.tag.name

    @property
    def copy_name(self) -> str:
        """The copy's name: the document's, unless the promotion names it otherwise."""
        return str(self.desired.get("name") or self.name)

    @property
    def copy_version(self) -> int | None:
        version = (self.remote or {}).get("documentVersion")
        return version if isinstance(version, int) else None

    @property
    def retag(self) -> bool:
        return not self.same_org and (
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
                id=self.tag.document_id,
            )
        ]
        if self.copy_id is None:
            message = f"create {self.copy_name!r} in target folder {self.folder_id}"
            out.append(Item(self.name, Status.PLANNED, message, step="copy"))
        elif self.changes:
            for change in self.changes:
                out.append(Item(self.name, Status.PLANNED, change, step="copy", id=self.copy_id))
        else:
            message = f"the target copy has version {self.tag.version}'s contents, mapped"
            out.append(Item(self.name, Status.ALREADY, message, step="copy", id=self.copy_id))
        if self.same_org:
            return out
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


def _find_copy(
    target: Sigma, plan: OrgPlan, source_id: str, ledger: Ledger, adopt: bool
) -> str | None:
    label = plan.kind.label
    mapped = plan.source_map.documents.get(source_id)
    if mapped is not None:
        try:
            if plan.kind is DATA_MODEL:
                return target.data_models.get(mapped).data_model_id
            return target.workbooks.get(mapped).workbook_id
        except NotFoundError:
            raise InputError(
                f"map: documents.{source_id}: no {label} {mapped} in the target"
            ) from None
    for listed in plan.kind.listing(target):
        if listed.name != plan.copy_name or listed.document_id == source_id:
            continue
        if target.files.get(listed.document_id).parent_id != plan.folder_id:
            continue
        if not adopt and ledger.origin(listed.document_id) != source_id:
            raise InputError(
                f"the target folder has a {label} {plan.copy_name!r} ({listed.document_id}) that no "
                f"promotion of this one created; name it under documents in the map, or pass "
                "--adopt to lay the contents over it"
            )
        return listed.document_id
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
    kind: str = "workbook",
    adopt: bool = False,
    ledger: Ledger | None = None,
    name: str | None = None,
) -> OrgPlan:
    """Read what promoting ``workbook`` (a data model with ``kind="data-model"``) under
    ``tag`` into ``target`` would change. Bad input (a map the target cannot satisfy, a
    folder that is not one, a same-named document no promotion created) is an error here."""
    tag_plan: Promotion | ModelPromotion
    if kind == "data-model":
        tag_plan, doc_kind = plan_model_tag(source, workbook, tag, version=version), DATA_MODEL
    else:
        tag_plan, doc_kind = plan_tag(source, workbook, tag, version=version), WORKBOOK
    source_id, same_org = tag_plan.document_id, target is source
    try:
        if doc_kind is DATA_MODEL:
            contents = spec_document(
                source.data_models.get_spec(source_id, document_version=tag_plan.version)
            )
        else:
            contents = source.workbooks.get_contents(source_id, document_version=tag_plan.version)
    except NotFoundError:
        raise InputError(
            f"{tag_plan.name}: Sigma keeps no contents of version {tag_plan.version}"
        ) from None
    resolved = source_map.resolved(source, target).resolve(target)
    resolved.check_elements(target, contents)
    desired = resolved.apply(contents)
    resolved.check_tables(target, desired)
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
    if name is not None:
        if not name.strip():
            raise InputError("--name cannot be empty")
        desired["name"] = name.strip()
    if same_org and doc_kind is DATA_MODEL:
        desired = rekeyed(desired, f"{source_id}/{there.id}")
    plan = OrgPlan(tag_plan, resolved, there.id, desired, kind=doc_kind, same_org=same_org)
    plan.copy_id = _find_copy(target, plan, source_id, ledger or Ledger(), adopt)
    if plan.copy_id is not None:
        plan.remote = doc_kind.get(target, plan.copy_id)
        plan.changes = changes(plan.remote, desired)
    if same_org:
        return plan
    try:
        plan.target_tag = target.tags.get(tag_plan.tag.name)
    except NotFoundError:
        plan.target_tag = None
    if plan.target_tag is not None and plan.copy_id is not None and doc_kind is DATA_MODEL:
        plan.tagged_version = model_tagged_version(
            target, plan.copy_id, plan.target_tag.version_tag_id
        )
    elif plan.target_tag is not None and plan.copy_id is not None:
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
        book.remember(tag.document_id, tag.tag.version_tag_id, tag.current)
    step = tag_model(source, tag) if isinstance(tag, ModelPromotion) else tag_version(source, tag)
    items = [Item(name, step.status, step.message, step="tag", id=step.id)]
    body = {k: v for k, v in plan.desired.items() if k not in NOT_COMPARED}
    if plan.copy_id is None:
        made, version = plan.kind.create(target, body, plan.folder_id)
        plan.copy_id, plan.remote = made, {"documentVersion": version}
        message = f"created in the target folder {plan.folder_id}, version {version}"
        items.append(Item(name, Status.CREATED, message, step="copy", id=made))
    elif plan.changes:
        assert plan.copy_version is not None
        book.remember(plan.copy_id, _CONTENTS, plan.copy_version)
        answer = plan.kind.update(target, plan.copy_id, body, plan.copy_version)
        plan.remote = answer
        message = f"contents laid down: {len(plan.changes)} change(s), version {answer['documentVersion']}"
        items.append(Item(name, Status.CHANGED, message, step="copy", id=plan.copy_id))
    else:
        message = f"the target copy has version {tag.version}'s contents"
        items.append(Item(name, Status.ALREADY, message, step="copy", id=plan.copy_id))
    book.remember_origin(plan.copy_id, tag.document_id)
    if not plan.same_org:
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
    if plan.kind is DATA_MODEL:
        target.data_models.tag(plan.copy_id, plan.target_tag.name, version=version)
    else:
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
    if plan.kind is DATA_MODEL:
        return verify_model(target, plan.copy_id, plan.desired, wanted)
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


def _version_of(sigma: Sigma, kind: Kind, document_id: str, version: int) -> dict[str, Any]:
    got: dict[str, Any]
    if kind is DATA_MODEL:
        got = spec_document(sigma.data_models.get_spec(document_id, document_version=version))
    else:
        got = sigma.workbooks.get_contents(document_id, document_version=version)
    return got


def _tagged_copies(target: Sigma, kind: Kind, name: str, tag: Tag) -> list[str]:
    if kind is DATA_MODEL:
        return [
            m.data_model_id
            for m in target.data_models.list()
            if m.name == name
            and model_tagged_version(target, m.data_model_id, tag.version_tag_id) is not None
        ]
    return [w.workbook_id for w in target.tags.workbooks(tag) if w.name == name]


def rollback_org(
    target: Sigma,
    workbook_name: str,
    tag: str,
    *,
    ledger: Ledger | None = None,
    kind: str = "workbook",
) -> Item:
    """Lay the target copy's contents before the last promotion down again (a new version)
    and tag it: the copy is the one in the target the tag marks, of the document's name
    (a data model's with ``kind="data-model"``)."""
    book = ledger or Ledger()
    doc_kind = DATA_MODEL if kind == "data-model" else WORKBOOK
    found_tag = target.tags.get(tag)
    copies = _tagged_copies(target, doc_kind, workbook_name, found_tag)
    if not copies:
        raise InputError(
            f"no {doc_kind.label} {workbook_name!r} in the target is tagged {found_tag.name}"
        )
    copy_id = copies[0]
    previous = book.previous(copy_id, _CONTENTS)
    if previous is None:
        raise InputError(
            f"no earlier contents of {workbook_name!r} in the target are recorded in "
            f"{book.path}: promote changed no copy there to roll back"
        )
    old = doc_kind.get(target, copy_id)
    before = _version_of(target, doc_kind, copy_id, previous)
    body = {k: v for k, v in before.items() if k not in NOT_COMPARED}
    answer = doc_kind.update(target, copy_id, body, old.get("documentVersion"))
    version = int(answer["documentVersion"])
    if doc_kind is DATA_MODEL:
        target.data_models.tag(copy_id, found_tag.name, version=version)
    else:
        target.tags.tag_workbook(copy_id, found_tag, version=version)
    book.forget_last(copy_id, _CONTENTS)
    message = (
        f"the target copy has version {previous}'s contents again (version {version}, "
        f"tagged {found_tag.name})"
    )
    return Item(workbook_name, Status.CHANGED, message, step="rollback", id=copy_id)

"""What promoting a data model needs that a workbook's promotion does not: which kind of
document a reference names, the tag step (``POST /v2/dataModels/tag``, the version a tag
marks read from ``GET /v2/dataModels/{id}/tags``), and what a data model copy reads (its
lineage: each element's tables, each table's connection and path).

A data model goes to a folder or another organization as its code representation (Sigma
has no copy of a tagged data model): :mod:`.to_org` lays the tagged version's spec down,
its sources mapped, and a copy in the same organization gets element ids of its own
(:func:`rekeyed`: an element id belongs to one data model).
"""

from __future__ import annotations

import copy
import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..._errors import InputError, NotFoundError
from ...resources.tags import check_version
from ..promote import Tagging
from ..report import Item, Status
from ..source_map import mappings

if TYPE_CHECKING:
    from ..._client import Sigma
    from ...resources.data_models import DataModel
    from ...resources.tags import Tag
    from ..source_map import SourceMap

__all__ = [
    "ModelPromotion",
    "kind_of",
    "model_reads",
    "model_tagged_version",
    "plan_model_tag",
    "rekeyed",
    "resolve_model",
    "tag_model",
    "verify_model",
]


_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)


@dataclass(frozen=True)
class ModelPromotion(Tagging):
    model: DataModel
    tag: Tag
    #: the version to tag
    version: int
    #: the version the tag marks on this data model now (None: it marks none)
    current: int | None

    @property
    def document_id(self) -> str:
        return self.model.data_model_id

    @property
    def name(self) -> str:
        return self.model.name


def resolve_model(sigma: Sigma, ref: str, *, by_name: bool = True) -> DataModel:
    """A data model named by id, url id or exact name (``sigma.data_models.resolve``;
    ``by_name=False``: by id only)."""
    ref = ref.strip()
    if by_name:
        return sigma.data_models.resolve(ref)
    try:
        return sigma.data_models.get(ref)
    except (NotFoundError, InputError):
        raise NotFoundError(404, message=f"no data model has the id {ref!r}") from None


def kind_of(sigma: Sigma, ref: str) -> tuple[str, str]:
    """``("workbook" | "data-model", its id)``: what ``ref`` (an id, url id or name) names,
    asked of the API. A name both kinds have is refused: use an id."""
    try:
        workbook = sigma.workbooks.resolve(ref)
    except NotFoundError:
        workbook = None
    try:
        model = resolve_model(sigma, ref, by_name=workbook is None or not _UUID.match(ref))
    except NotFoundError:
        model = None
    if workbook is not None and model is not None:
        raise InputError(
            f"{ref!r} names a workbook ({workbook.workbook_id}) and a data model "
            f"({model.data_model_id}); use an id"
        )
    if workbook is not None:
        return "workbook", workbook.workbook_id
    if model is not None:
        return "data-model", model.data_model_id
    from ..._suggest import suggestion

    names = [w.name for w in sigma.workbooks.list()] + [m.name for m in sigma.data_models.list()]
    raise NotFoundError(
        404,
        message=f"no workbook or data model has the id, url id or name {ref!r}"
        + suggestion(ref, names),
    )


def model_tagged_version(sigma: Sigma, data_model_id: str, tag_id: str) -> int | None:
    """The version of the data model the tag marks (None: it marks none)."""
    return next(
        (
            int(t.source_version)
            for t in sigma.data_models.tags(data_model_id)
            if t.version_tag_id == tag_id and t.source_version is not None
        ),
        None,
    )


def plan_model_tag(
    sigma: Sigma, ref: str, tag: str, *, version: int | str | None = None
) -> ModelPromotion:
    """Check the version, the tag and the data model; read the version the tag marks now."""
    wanted = None if version is None else check_version(version)
    found_tag = sigma.tags.get(tag)
    model = resolve_model(sigma, ref)
    latest = model.latest_version or 1
    if wanted is not None and wanted > latest:
        raise InputError(f"{model.name} has no version {wanted}: its versions are 1 to {latest}")
    current = model_tagged_version(sigma, model.data_model_id, found_tag.version_tag_id)
    return ModelPromotion(model, found_tag, wanted or latest, current)


def tag_model(sigma: Sigma, plan: ModelPromotion) -> Item:
    """Tag the data model's version (nothing when the tag marks it already)."""
    name, mid = plan.name, plan.document_id
    if not plan.needed:
        return Item(name, Status.ALREADY, plan.describe(), id=mid)
    sigma.data_models.tag(mid, plan.tag.name, version=plan.version)
    if plan.moves:
        message = f"{plan.tag.name} moved from version {plan.current} to version {plan.version}"
        return Item(name, Status.CHANGED, message, id=mid)
    return Item(name, Status.CREATED, f"version {plan.version} tagged {plan.tag.name}", id=mid)


def model_reads(sigma: Sigma, data_model_id: str) -> tuple[list[str], list[str]]:
    """The connection ids a data model's tables are in, and the data models it reads (none:
    its elements are built on tables and on its own elements)."""
    connections = {
        e.connection_id: None
        for e in sigma.data_models.lineage(data_model_id)
        if e.type == "table" and e.connection_id
    }
    return list(connections), []


def rekeyed(spec: dict[str, Any], salt: str) -> dict[str, Any]:
    """The spec with element ids of its own (the same for the same ``salt``, so a second
    promotion finds nothing changed), element sources following them."""
    out = copy.deepcopy(spec)

    def new(old: str) -> str:
        return f"{old}-{hashlib.sha256(f'{salt}/{old}'.encode()).hexdigest()[:6]}"

    elements = [e for p in out.get("pages") or [] for e in p.get("elements") or []]
    ids = {str(e["id"]): new(str(e["id"])) for e in elements if e.get("id")}
    for element in elements:
        element["id"] = ids.get(str(element.get("id")), element.get("id"))
    # what reads an element of the same model: a source, a join's side, a control's target
    for node in mappings(elements):
        if node.get("kind") == "table" and "elementId" in node:
            node["elementId"] = ids.get(str(node["elementId"]), node["elementId"])
    return out


def verify_model(
    target: Sigma, copy_id: str, desired: dict[str, Any], wanted: SourceMap
) -> list[str]:
    """What the data model copy reads that the map (and the spec laid down) says it should
    not: a table of a connection the map swaps away, or an element not built on the table
    its spec names."""
    lineage = list(target.data_models.lineage(copy_id))
    tables = {e.inode_id: e for e in lineage if e.type == "table" and e.inode_id}
    by_element = {e.element_id: e for e in lineage if e.type == "element" and e.element_id}
    problems = []
    for frm, to in wanted.connections.items():
        if frm != to and any(t.connection_id == frm for t in tables.values()):
            problems.append(f"the target copy still reads connection {frm} (map: {to})")
    for page in desired.get("pages") or []:
        for element in page.get("elements") or []:
            if element.get("kind", "table") != "table":
                continue
            under = (by_element.get(element.get("id")) or _NO_LINEAGE).data_source_ids
            reads = [tables[t] for t in under if t in tables]
            # every table it reads: its source, or a join's sides, a union's inputs...
            wanted_tables = {
                (str(node.get("connectionId")), ".".join(map(str, node.get("path") or [])))
                for node in mappings(element.get("source"))
                if node.get("kind") == "warehouse-table"
            }
            for connection, path in sorted(wanted_tables):
                if not any(t.connection_id == connection and t.name == path for t in reads):
                    got = ", ".join(f"{t.name} ({t.connection_id})" for t in reads) or "nothing"
                    problems.append(
                        f"element {element.get('name') or element.get('id')} of the target "
                        f"copy reads {got} (map: {path} of connection {connection})"
                    )
    return problems


class _Nothing:
    data_source_ids: list[str] = []


_NO_LINEAGE = _Nothing()

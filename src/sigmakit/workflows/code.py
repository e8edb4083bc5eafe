"""Content as code: data models kept as YAML files in a folder (``sigmakit code``).

``pull`` writes one file per data model: a header (what wrote it, the model's id, a digest
of what was written) and the model's code representation, its keys in a fixed order, so a
pull of an unchanged model is byte-identical and a change is a small diff. ``plan`` reads
each file and the model it names and lists what applying would change, in words (pages,
elements, columns, sources); ``apply`` sends exactly that, each write guarded by the
file's ``documentVersion``, and refuses when a model changed in Sigma since it was pulled
(Sigma's ``sigma-sdlc`` rule); ``drift`` reads only, and says which side moved.

A file pull wrote and nobody edited since (its digest still matches) is replaced by the
next pull; any other file is left alone unless ``force``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .._errors import ConflictError, InputError, NotFoundError
from .._files import read_bounded, write_file
from .._suggest import unknown_name
from ..types.data_models import load_yaml, yaml_where

if TYPE_CHECKING:
    from .._client import Sigma

__all__ = [
    "DocumentPlan",
    "apply_plans",
    "drift",
    "plan",
    "pull",
    "render",
]

HEADER = "# sigmakit code: a Sigma data model; edit below, then `sigmakit code plan`"
_ID_LINE = re.compile(r"^# dataModelId: (\S+)$", re.M)
_DIGEST_LINE = re.compile(r"^# sha256: ([0-9a-f]{64})$", re.M)

#: the order keys are written in; keys not listed follow, sorted
_ORDER = (
    "schemaVersion",
    "kind",
    "id",
    "name",
    "folderId",
    "documentVersion",
    "description",
    "connectionId",
    "path",
    "statement",
    "dataModelId",
    "elementId",
    "formula",
    "hidden",
    "format",
    "formatString",
    "source",
    "columns",
    "pages",
    "elements",
)
#: keys a write does not change: compared neither by plan nor by drift
_NOT_COMPARED = ("documentVersion", "folderId")


def _ordered(value: Any) -> Any:
    """``value`` with each mapping's keys in :data:`_ORDER` and empty values left out."""
    if isinstance(value, Mapping):
        rank = {k: i for i, k in enumerate(_ORDER)}
        keys = sorted(value, key=lambda k: (rank.get(k, len(rank)), str(k)))
        return {k: _ordered(value[k]) for k in keys if value[k] is not None}
    if isinstance(value, list):
        return [_ordered(v) for v in value]
    return value


def _body_text(document: Mapping[str, Any]) -> str:
    return yaml.safe_dump(
        _ordered(document), sort_keys=False, allow_unicode=True, width=100, indent=2
    )


def render(data_model_id: str, document: Mapping[str, Any]) -> str:
    """The file pull writes for a document: the header, then the document."""
    body = _body_text(document)
    digest = hashlib.sha256(body.encode()).hexdigest()
    return f"{HEADER}\n# dataModelId: {data_model_id}\n# sha256: {digest}\n{body}"


@dataclass
class LocalFile:
    path: Path
    data_model_id: str
    document: dict[str, Any]
    #: the body is as pull (or apply) wrote it
    untouched: bool

    @property
    def version(self) -> int | None:
        v = self.document.get("documentVersion")
        return v if isinstance(v, int) else None


def read_file(path: Path) -> LocalFile:
    """A file pull wrote (edited or not); a one-line ``InputError`` naming what is wrong."""
    try:
        text = read_bounded(path).decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    found = _ID_LINE.search(text)
    if found is None:
        raise InputError(
            f"{path}: no '# dataModelId:' header line; files here come from sigmakit code pull"
        )
    try:
        document = load_yaml(text)
    except yaml.YAMLError as exc:
        raise InputError(f"{path}: not valid YAML{yaml_where(exc)}") from None
    except RecursionError:
        raise InputError(f"{path}: nested too deeply") from None
    if not isinstance(document, dict) or not isinstance(document.get("pages"), list):
        raise InputError(f"{path}: a data model document needs a pages list")
    digest = _DIGEST_LINE.search(text)
    body = text.split("\n", 3)[3] if text.count("\n") >= 3 else ""
    untouched = digest is not None and digest.group(1) == hashlib.sha256(body.encode()).hexdigest()
    return LocalFile(path, found.group(1), document, untouched)


def _files(folder: Path) -> list[LocalFile]:
    if not folder.is_dir():
        raise InputError(f"{folder} is not a folder")
    files = [read_file(p) for p in sorted(folder.glob("*.yaml"))]
    seen: dict[str, Path] = {}
    for f in files:
        if f.data_model_id in seen:
            raise InputError(f"{f.path} and {seen[f.data_model_id]} are the same data model")
        seen[f.data_model_id] = f.path
    return files


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:80] or "data-model"


# ----- pull -----


@dataclass
class Pulled:
    path: Path
    data_model_id: str
    name: str
    document_version: int
    #: "written", "unchanged" (byte-identical) or "refused"
    status: str


def pull(
    sigma: Sigma, folder: Path, documents: Sequence[str] = (), *, force: bool = False
) -> list[Pulled]:
    """Write each data model (or those named by id, urlId or name) to ``folder``; a file
    with local edits, or one pull did not write, is refused (nothing written) unless
    ``force``."""
    folder.mkdir(parents=True, exist_ok=True)
    models = list(sigma.data_models.list())
    chosen = models
    if documents:
        chosen = []
        for ref in documents:
            wanted = ref.strip()
            match = [
                m
                for m in models
                if wanted in (m.data_model_id, (m.url or "").rsplit("/", 1)[-1])
                or m.name.lower() == wanted.lower()
            ]
            if not match:
                raise NotFoundError(
                    404, message=unknown_name("data model", ref, [m.name for m in models])
                )
            chosen += [m for m in match if m not in chosen]
    known = {_owner(p): p for p in sorted(folder.glob("*.yaml"))}
    taken: set[Path] = set()
    planned: list[tuple[Path, str, str, int, str]] = []
    refused: list[str] = []
    for model in chosen:
        doc = sigma.data_models.get_spec(model.data_model_id)
        text = render(model.data_model_id, doc)
        kept = known.get(model.data_model_id)
        target = kept if kept else folder / f"{_slug(model.name)}.yaml"
        if target in taken or (
            kept is None and target.exists() and _owner(target) not in ("", model.data_model_id)
        ):
            target = folder / f"{_slug(model.name)}-{model.data_model_id[:8]}.yaml"
        taken.add(target)
        old = target.read_text(encoding="utf-8") if target.is_file() else None
        if old is not None and old != text and not force and not _replaceable(target):
            refused.append(target.name)
        planned.append((target, model.data_model_id, model.name, doc["documentVersion"], text))
    if refused:
        raise InputError(
            f"{', '.join(refused)}: edited since the last pull (or not written by it); "
            "nothing written: commit or move your edits, or pass --force to replace them"
        )
    done = []
    for target, model_id, name, version, text in planned:
        old = target.read_text(encoding="utf-8") if target.is_file() else None
        status = "unchanged"
        if old != text:
            write_file(target, [text.encode()], overwrite=True)
            status = "written"
        done.append(Pulled(target, model_id, name, version, status))
    return done


def _owner(path: Path) -> str:
    try:
        found = _ID_LINE.search(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return "?"
    return found.group(1) if found else "?"


def _replaceable(path: Path) -> bool:
    """A file pull may replace: one it wrote, untouched since (a comment added is an edit)."""
    try:
        return read_file(path).untouched
    except InputError:
        return False


# ----- comparing -----


def _comparable(document: Mapping[str, Any]) -> Any:
    return _ordered({k: v for k, v in document.items() if k not in _NOT_COMPARED})


def _same(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return bool(_comparable(a) == _comparable(b))


def _source_text(source: Any, names: Mapping[str, str] | None = None) -> str:
    if not isinstance(source, Mapping):
        return repr(source)
    kind = source.get("kind")
    if kind == "warehouse-table":
        return f"table {'.'.join(map(str, source.get('path') or []))}"
    if kind == "sql":
        return "custom SQL"
    if kind == "element":
        element_id = str(source.get("elementId"))
        return f"element {(names or {}).get(element_id) or element_id}"
    if kind == "data-model":
        return f"data model {source.get('dataModelId')} element {source.get('elementId')}"
    return str(kind)


def _by_id(items: Any) -> dict[str, dict[str, Any]]:
    return {
        str(i.get("id")): i
        for i in (items if isinstance(items, list) else [])
        if isinstance(i, dict)
    }


def changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """What turning ``old`` into ``new`` changes, one line each (``+`` added, ``-`` removed,
    ``~`` changed)."""
    out: list[str] = []
    if old.get("name") != new.get("name"):
        out.append(f"~ name: {old.get('name')} -> {new.get('name')}")
    old_pages, new_pages = _by_id(old.get("pages")), _by_id(new.get("pages"))
    old_elements = {k: v for p in old_pages.values() for k, v in _by_id(p.get("elements")).items()}
    new_elements = {k: v for p in new_pages.values() for k, v in _by_id(p.get("elements")).items()}
    for pid, page in new_pages.items():
        if pid not in old_pages:
            out.append(f"+ page {page.get('name') or pid}")
        elif old_pages[pid].get("name") != page.get("name"):
            out.append(f"~ page {old_pages[pid].get('name')}: renamed {page.get('name')}")
    for pid, page in old_pages.items():
        if pid not in new_pages:
            out.append(f"- page {page.get('name') or pid}")
    names = {k: str(v.get("name") or k) for k, v in (old_elements | new_elements).items()}
    for eid, element in new_elements.items():
        label = element.get("name") or eid
        before = old_elements.get(eid)
        if before is None:
            out.append(f"+ element {label} on {_source_text(element.get('source'), names)}")
            continue
        if before.get("name") != element.get("name"):
            out.append(f"~ element {before.get('name') or eid}: renamed {label}")
        if _ordered(before.get("source")) != _ordered(element.get("source")):
            out.append(
                f"~ element {label}: source {_source_text(before.get('source'), names)} -> "
                f"{_source_text(element.get('source'), names)}"
            )
        out += _column_changes(label, before.get("columns"), element.get("columns"))
        rest = {k for k in set(before) | set(element) if k not in ("name", "source", "columns")}
        if any(_ordered(before.get(k)) != _ordered(element.get(k)) for k in rest):
            out.append(f"~ element {label}: {', '.join(sorted(rest))} changed")
    for eid, element in old_elements.items():
        if eid not in new_elements:
            out.append(f"- element {element.get('name') or eid}")
    old_pages_order = [p.get("id") for p in old.get("pages") or [] if isinstance(p, dict)]
    new_pages_order = [p.get("id") for p in new.get("pages") or [] if isinstance(p, dict)]
    if not out and _comparable(old) != _comparable(new):
        what = "pages reordered" if old_pages_order != new_pages_order else "elements reordered"
        out.append(f"~ {what}")
    return out


def _column_changes(element: str, old: Any, new: Any) -> list[str]:
    out: list[str] = []
    before, after = _by_id(old), _by_id(new)
    for cid, column in after.items():
        label = f"{element}/{column.get('name') or cid}"
        was = before.get(cid)
        if was is None:
            out.append(f"+ column {label}: {column.get('formula')}")
            continue
        if was.get("formula") != column.get("formula"):
            out.append(f"~ column {label}: formula {was.get('formula')} -> {column.get('formula')}")
        other = sorted(
            k
            for k in set(was) | set(column)
            if k not in ("id", "formula") and _ordered(was.get(k)) != _ordered(column.get(k))
        )
        if other:
            out.append(f"~ column {label}: {', '.join(other)} changed")
    for cid, column in before.items():
        if cid not in after:
            out.append(f"- column {element}/{column.get('name') or cid}")
    return out


# ----- plan, apply, drift -----


@dataclass
class DocumentPlan:
    file: LocalFile
    name: str
    #: the model's documentVersion in Sigma (None: the model is gone)
    remote_version: int | None
    remote: dict[str, Any] | None
    #: what applying the file would change in Sigma
    changes: list[str] = field(default_factory=list)

    @property
    def gone(self) -> bool:
        return self.remote is None

    @property
    def stale(self) -> bool:
        """Changed in Sigma since the file was pulled (sigma-sdlc's rule)."""
        local = self.file.version
        return self.remote_version is not None and (local is None or self.remote_version > local)

    @property
    def status(self) -> str:
        if self.gone:
            return "gone from Sigma"
        if self.stale:
            return f"changed in Sigma since pulled (version {self.file.version} -> {self.remote_version})"
        return "changes" if self.changes else "no changes"


def plan(sigma: Sigma, folder: Path) -> list[DocumentPlan]:
    """For each file in ``folder``: what applying it would change. Reads only."""
    plans = []
    for f in _files(folder):
        try:
            remote: dict[str, Any] | None = sigma.data_models.get_spec(f.data_model_id)
        except NotFoundError:
            remote = None
        name = str((remote or f.document).get("name") or f.path.stem)
        version = remote.get("documentVersion") if remote else None
        found = changes(remote, f.document) if remote else []
        plans.append(
            DocumentPlan(f, name, version if isinstance(version, int) else None, remote, found)
        )
    return plans


@dataclass
class Applied:
    plan: DocumentPlan
    document_version: int


def refusals(plans: Iterable[DocumentPlan], *, force: bool) -> list[str]:
    """Why apply would refuse (nothing is written when any): a model gone from Sigma, or
    changed there since its file was pulled (unless ``force``)."""
    out = []
    for p in plans:
        if p.gone:
            out.append(f"{p.file.path.name}: data model {p.file.data_model_id} is gone from Sigma")
        elif p.stale and not force:
            out.append(
                f"{p.file.path.name}: {p.name} {p.status}; pull it again, or pass --force "
                "to overwrite what changed in Sigma"
            )
    return out


def apply_plans(
    sigma: Sigma, plans: Sequence[DocumentPlan], *, force: bool = False
) -> list[Applied]:
    """Send each planned change, guarded by the version the plan read (so what changed in
    Sigma since the plan is refused, not overwritten), and write the answered document back
    to its file (its new ``documentVersion``): a pull right after is byte-identical."""
    refused = refusals(plans, force=force)
    if refused:
        raise ConflictError(409, message="; ".join(refused) + "; nothing applied")
    done = []
    for p in plans:
        if not p.changes or p.remote is None:
            continue
        body = {k: v for k, v in p.file.document.items() if k not in _NOT_COMPARED}
        answer = sigma.data_models.update_spec(
            p.file.data_model_id, body, document_version=p.remote_version
        )
        write_file(p.file.path, [render(p.file.data_model_id, answer).encode()], overwrite=True)
        done.append(Applied(p, int(answer["documentVersion"])))
    return done


@dataclass
class Drift:
    file: LocalFile
    name: str
    #: "in sync", "changed in Sigma", "edited here", "changed in Sigma and edited here",
    #: "gone from Sigma"
    status: str
    #: what Sigma has that the file does not
    changes: list[str]


def drift(sigma: Sigma, folder: Path) -> list[Drift]:
    """Where Sigma and the files differ, and which side moved. Reads only."""
    out = []
    for p in plan(sigma, folder):
        if p.remote is None:
            out.append(Drift(p.file, p.name, "gone from Sigma", []))
            continue
        differ = changes(p.file.document, p.remote)
        moved = p.remote_version != p.file.version
        edited = not p.file.untouched and bool(differ)
        if moved and edited:
            status = "changed in Sigma and edited here"
        elif moved:
            status = "changed in Sigma"
        elif differ:
            status = "edited here"
        else:
            status = "in sync"
        if moved and not differ:
            differ = [f"~ documentVersion: {p.file.version} -> {p.remote_version}"]
        out.append(Drift(p.file, p.name, status, differ))
    return out

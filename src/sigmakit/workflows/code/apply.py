"""``plan``, ``apply`` and ``drift``: each file compared with the document it names (or,
with a source map, with its counterpart in another organization), what applying it would
change, applying exactly that, and which side moved."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..._errors import ConflictError
from ..._files import write_file
from ..source_map import SourceMap
from .diff import NOT_COMPARED, changes
from .files import LocalFile, local_files, render
from .kinds import CONCURRENCY, Listed, read_many

if TYPE_CHECKING:
    from ..._client import Sigma

__all__ = ["Applied", "DocumentPlan", "Drift", "apply_plans", "drift", "plan", "refusals"]


@dataclass
class DocumentPlan:
    file: LocalFile
    name: str
    #: the document's documentVersion in Sigma (None: it is not there)
    remote_version: int | None
    remote: dict[str, Any] | None
    #: what applying the file would change in Sigma
    changes: list[str] = field(default_factory=list)
    #: the document the file stands for there (with a map: the target's; None: to create)
    target_id: str | None = None
    #: what is sent: the file's document, its sources mapped
    desired: dict[str, Any] = field(default_factory=dict)
    #: planned through a source map (into another organization or tenant)
    mapped: bool = False
    #: with a map, the target folder a new document goes to (None: the map has none)
    create_in: str | None = None

    @property
    def gone(self) -> bool:
        return self.remote is None and not self.mapped

    @property
    def stale(self) -> bool:
        """Changed in Sigma since the file was pulled (sigma-sdlc's rule); a document of
        another organization has versions of its own, so a mapped plan is never stale."""
        if self.mapped:
            return False
        local = self.file.version
        return self.remote_version is not None and (local is None or self.remote_version > local)

    @property
    def status(self) -> str:
        if self.gone:
            return "gone from Sigma"
        if self.mapped and self.remote is None:
            return "new in the target"
        if self.stale:
            return f"changed in Sigma since pulled (version {self.file.version} -> {self.remote_version})"
        return "changes" if self.changes else "no changes"


def _counterpart(
    f: LocalFile, source_map: SourceMap, listing: list[Listed], folders: dict[str, str]
) -> str | None:
    """The target's document for a file: the map's, else the one with its name."""
    if f.document_id in source_map.documents:
        return source_map.documents[f.document_id]
    name = str(f.document.get("name") or "")
    named = [d for d in listing if d.name == name]
    return named[0].document_id if named else None


def plan(
    sigma: Sigma,
    folder: Path,
    *,
    source_map: SourceMap | None = None,
    concurrency: int = CONCURRENCY,
) -> list[DocumentPlan]:
    """For each file in ``folder``: what applying it would change. Reads only. With a
    ``source_map`` (resolved against ``sigma``, the target), each file is compared with its
    counterpart there (the map's ``documents``, else the one of the same name), its
    sources mapped."""
    plans = []
    listings: dict[str, list[Listed]] = {}
    files = local_files(folder)
    wanted: list[tuple[LocalFile, dict[str, Any], str | None, str | None]] = []
    found_tables: set[tuple[str, ...]] = set()
    for f in files:
        desired = f.document
        target: str | None = f.document_id
        create_in = None
        if source_map is not None:
            source_map.check_elements(sigma, f.document)
            desired = source_map.apply(f.document)
            source_map.check_tables(sigma, desired, found_tables)
            if f.kind.key not in listings:
                listings[f.kind.key] = f.kind.listing(sigma)
            target = _counterpart(f, source_map, listings[f.kind.key], source_map.folders)
            create_in = source_map.folders.get(str(f.document.get("folderId")))
        wanted.append((f, desired, target, create_in))
    remotes = read_many(sigma, [(f.kind, target) for f, _, target, _ in wanted], concurrency)
    for (f, desired, target, create_in), remote in zip(wanted, remotes, strict=True):
        name = str((remote or f.document).get("name") or f.path.stem)
        version = remote.get("documentVersion") if remote else None
        if remote is not None:
            found = changes(remote, desired)
        elif source_map is not None:
            found = [f"+ {f.kind.label} {name}"]
        else:
            found = []
        plans.append(
            DocumentPlan(
                f,
                name,
                version if isinstance(version, int) else None,
                remote,
                found,
                target if remote is not None else None,
                desired,
                source_map is not None,
                create_in,
            )
        )
    return plans


@dataclass
class Applied:
    plan: DocumentPlan
    document_version: int
    #: the document written (with a map: the target's, perhaps new)
    document_id: str = ""


def refusals(plans: Iterable[DocumentPlan], *, force: bool) -> list[str]:
    """Why apply would refuse (nothing is written when any): a document gone from Sigma,
    changed there since its file was pulled (unless ``force``), or new in a target the
    map gives no folder for."""
    out = []
    for p in plans:
        label = p.file.kind.label
        if p.gone:
            out.append(f"{p.file.path.name}: {label} {p.file.document_id} is gone from Sigma")
        elif p.stale and not force:
            out.append(
                f"{p.file.path.name}: {p.name} {p.status}; pull it again, or pass --force "
                "to overwrite what changed in Sigma"
            )
        elif p.mapped and p.remote is None and p.create_in is None:
            out.append(
                f"{p.file.path.name}: {p.name} is not in the target and the map names no "
                f"folder for {p.file.document.get('folderId')} (add it under folders)"
            )
    return out


def apply_plans(
    sigma: Sigma, plans: Sequence[DocumentPlan], *, force: bool = False
) -> list[Applied]:
    """Send each planned change, guarded by the version the plan read (so what changed in
    Sigma since the plan is refused, not overwritten), and write the answered document back
    to its file (its new ``documentVersion``): a pull right after is byte-identical. With a
    map the files stay as they are (they describe the source organization) and a document
    the target lacks is created in the map's folder."""
    refused = refusals(plans, force=force)
    if refused:
        raise ConflictError(409, message="; ".join(refused) + "; nothing applied")
    done = []
    for p in plans:
        if not p.changes:
            continue
        body = {k: v for k, v in p.desired.items() if k not in NOT_COMPARED}
        kind = p.file.kind
        if p.remote is None or p.target_id is None:
            assert p.create_in is not None  # refusals() saw to it
            made, version = kind.create(sigma, body, p.create_in)
            done.append(Applied(p, version, made))
            continue
        answer = kind.update(sigma, p.target_id, body, p.remote_version)
        if not p.mapped:
            text = render(kind, p.file.document_id, answer)
            write_file(p.file.path, [text.encode()], overwrite=True)
        done.append(Applied(p, int(answer["documentVersion"]), p.target_id))
    return done


@dataclass
class Drift:
    file: LocalFile
    name: str
    #: "in sync", "changed in Sigma", "edited here", "changed in Sigma and edited here",
    #: "gone from Sigma" (with a map: "in sync", "differs", "not in the target")
    status: str
    #: what Sigma has that the file does not
    changes: list[str]


def drift(sigma: Sigma, folder: Path, *, source_map: SourceMap | None = None) -> list[Drift]:
    """Where Sigma and the files differ, and which side moved. Reads only."""
    out = []
    for p in plan(sigma, folder, source_map=source_map):
        if p.remote is None:
            status = "not in the target" if p.mapped else "gone from Sigma"
            out.append(Drift(p.file, p.name, status, []))
            continue
        differ = changes(p.desired, p.remote)
        if p.mapped:
            out.append(Drift(p.file, p.name, "differs" if differ else "in sync", differ))
            continue
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

"""``pull``: each chosen document written to one file. A file pull wrote and nobody edited
since (its digest still matches) is replaced by the next pull; any other file is left
alone unless ``force``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..._errors import InputError, NotFoundError
from ..._files import write_file
from ..._suggest import unknown_name
from .files import owner, render, replaceable, slug
from .kinds import CONCURRENCY, DATA_MODEL, KINDS, Kind, Listed, read_many

if TYPE_CHECKING:
    from ..._client import Sigma

__all__ = ["Pulled", "pull"]


@dataclass
class Pulled:
    path: Path
    document_id: str
    name: str
    document_version: int
    #: "written", "unchanged" (byte-identical) or "refused"
    status: str
    kind: Kind = DATA_MODEL

    @property
    def data_model_id(self) -> str:
        return self.document_id


def _under(listed: Listed, folder: str | None, workspace: str | None) -> bool:
    path = listed.path.strip("/")
    if folder is not None and not (path == folder or path.startswith(folder + "/")):
        return False
    return workspace is None or path.split("/", 1)[0] == workspace


def _choose(
    sigma: Sigma,
    kinds: Sequence[str],
    documents: Sequence[str],
    folder: str | None,
    workspace: str | None,
) -> list[tuple[Kind, Listed]]:
    everything = [(KINDS[k], d) for k in kinds for d in KINDS[k].listing(sigma)]
    pool = [(k, d) for k, d in everything if _under(d, folder, workspace)]
    if not documents:
        return pool
    chosen: list[tuple[Kind, Listed]] = []
    for ref in documents:
        wanted = ref.strip()
        match = [
            (k, d)
            for k, d in pool
            if wanted in (d.document_id, d.url_id) or d.name.lower() == wanted.lower()
        ]
        if not match:
            what = KINDS[kinds[0]].label if len(kinds) == 1 else "document"
            raise NotFoundError(404, message=unknown_name(what, ref, [d.name for _, d in pool]))
        chosen += [m for m in match if m not in chosen]
    return chosen


def pull(
    sigma: Sigma,
    folder: Path,
    documents: Sequence[str] = (),
    *,
    force: bool = False,
    kinds: Sequence[str] = ("data-model",),
    in_folder: str | None = None,
    workspace: str | None = None,
    concurrency: int = CONCURRENCY,
) -> list[Pulled]:
    """Write each document of ``kinds`` ("data-model", "workbook"; those named by id, urlId
    or name; those whose Sigma path is ``in_folder`` or under it, or in ``workspace``) to
    ``folder``, reading ``concurrency`` documents at a time; a file with local edits, or one
    pull did not write, is refused (nothing written) unless ``force``."""
    unknown = [k for k in kinds if k not in KINDS]
    if unknown or not kinds:
        raise InputError(f"kinds are {', '.join(KINDS)}, not {', '.join(unknown) or 'none'}")
    chosen = _choose(sigma, kinds, documents, in_folder, workspace)
    folder.mkdir(parents=True, exist_ok=True)
    known = {owner(p): p for p in sorted(folder.glob("*.yaml"))}
    taken: set[Path] = set()
    planned: list[tuple[Path, Kind, Listed, int, str]] = []
    refused: list[str] = []
    docs = read_many(sigma, [(k, d.document_id) for k, d in chosen], concurrency)
    for (kind, listed), doc in zip(chosen, docs, strict=True):
        if doc is None:  # deleted between the list and the read
            continue
        text = render(kind, listed.document_id, doc)
        kept = known.get(listed.document_id)
        stem = slug(listed.name, kind.key)
        target = kept if kept else folder / f"{stem}.yaml"
        if target in taken or (
            kept is None and target.exists() and owner(target) not in ("", listed.document_id)
        ):
            target = folder / f"{stem}-{listed.document_id[:8]}.yaml"
        taken.add(target)
        old = target.read_text(encoding="utf-8") if target.is_file() else None
        if old is not None and old != text and not force and not replaceable(target):
            refused.append(target.name)
        planned.append((target, kind, listed, doc["documentVersion"], text))
    if refused:
        raise InputError(
            f"{', '.join(refused)}: edited since the last pull (or not written by it); "
            "nothing written: commit or move your edits, or pass --force to replace them"
        )
    done = []
    for target, kind, listed, version, text in planned:
        old = target.read_text(encoding="utf-8") if target.is_file() else None
        status = "unchanged"
        if old != text:
            write_file(target, [text.encode()], overwrite=True)
            status = "written"
        done.append(Pulled(target, listed.document_id, listed.name, version, status, kind))
    return done

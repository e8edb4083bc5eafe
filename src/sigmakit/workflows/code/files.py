"""The files ``sigmakit code`` writes: a header (what wrote it, the document's kind and id, a
digest of what was written) and the document, its keys in a fixed order, so a pull of an
unchanged document is byte-identical and a change is a small diff."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..._errors import InputError
from ..._files import read_bounded
from ...types.data_models import load_yaml, yaml_where
from .kinds import KINDS, Kind

__all__ = [
    "LocalFile",
    "local_files",
    "ordered",
    "owner",
    "read_file",
    "render",
    "replaceable",
    "slug",
]

_HEADERS = {
    "data-model": "# sigmakit code: a Sigma data model; edit below, then `sigmakit code plan`",
    "workbook": "# sigmakit code: a Sigma workbook; edit below, then `sigmakit code plan`",
}
_ID_LINE = re.compile(r"^# (dataModelId|workbookId): (\S+)$", re.M)
_DIGEST_LINE = re.compile(r"^# sha256: ([0-9a-f]{64})$", re.M)
_BY_ID_KEY = {k.id_key: k for k in KINDS.values()}

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
    "datasetId",
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


def ordered(value: Any) -> Any:
    """``value`` with each mapping's keys in :data:`_ORDER` and empty values left out."""
    if isinstance(value, Mapping):
        rank = {k: i for i, k in enumerate(_ORDER)}
        keys = sorted(value, key=lambda k: (rank.get(k, len(rank)), str(k)))
        return {k: ordered(value[k]) for k in keys if value[k] is not None}
    if isinstance(value, list):
        return [ordered(v) for v in value]
    return value


#: libyaml's emitter when PyYAML has it (ten times the pure Python one's speed)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _body_text(document: Mapping[str, Any]) -> str:
    return yaml.dump(
        ordered(document),
        Dumper=_DUMPER,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        indent=2,
    )


def render(kind: Kind, document_id: str, document: Mapping[str, Any]) -> str:
    """The file pull writes for a document: the header, then the document."""
    body = _body_text(document)
    digest = hashlib.sha256(body.encode()).hexdigest()
    return f"{_HEADERS[kind.key]}\n# {kind.id_key}: {document_id}\n# sha256: {digest}\n{body}"


@dataclass
class LocalFile:
    path: Path
    kind: Kind
    document_id: str
    document: dict[str, Any]
    #: the body is as pull (or apply) wrote it
    untouched: bool

    @property
    def data_model_id(self) -> str:
        return self.document_id

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
            f"{path}: no '# dataModelId:' or '# workbookId:' header line; files here come "
            "from sigmakit code pull"
        )
    kind = _BY_ID_KEY[found.group(1)]
    try:
        document = load_yaml(text)
    except yaml.YAMLError as exc:
        raise InputError(f"{path}: not valid YAML{yaml_where(exc)}") from None
    except RecursionError:
        raise InputError(f"{path}: nested too deeply") from None
    if not isinstance(document, dict) or not isinstance(document.get("pages"), list):
        raise InputError(f"{path}: a {kind.label} document needs a pages list")
    digest = _DIGEST_LINE.search(text)
    body = text.split("\n", 3)[3] if text.count("\n") >= 3 else ""
    untouched = digest is not None and digest.group(1) == hashlib.sha256(body.encode()).hexdigest()
    return LocalFile(path, kind, found.group(2), document, untouched)


def local_files(folder: Path) -> list[LocalFile]:
    """Every document file in ``folder``, in name order; two files for one document are
    refused."""
    if not folder.is_dir():
        raise InputError(f"{folder} is not a folder")
    files = [read_file(p) for p in sorted(folder.glob("*.yaml"))]
    seen: dict[str, Path] = {}
    for f in files:
        if f.document_id in seen:
            raise InputError(f"{f.path} and {seen[f.document_id]} are the same {f.kind.label}")
        seen[f.document_id] = f.path
    return files


def slug(name: str, fallback: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:80] or fallback


def owner(path: Path) -> str:
    """The id in a file's header; "?" when it has none (or cannot be read)."""
    try:
        found = _ID_LINE.search(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return "?"
    return found.group(2) if found else "?"


def replaceable(path: Path) -> bool:
    """A file pull may replace: one it wrote, untouched since (a comment added is an edit)."""
    try:
        return read_file(path).untouched
    except InputError:
        return False

"""The two kinds of document ``sigmakit code`` keeps: data models (their ``spec``) and
workbooks (their ``contents``), each read, replaced and created through the SDK."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..._errors import InputError, NotFoundError

if TYPE_CHECKING:
    from ..._client import Sigma

__all__ = [
    "DATA_MODEL",
    "KINDS",
    "SPEC_METADATA",
    "WORKBOOK",
    "Kind",
    "Listed",
    "read_many",
    "spec_document",
]

#: what ``GET /v2/dataModels/{id}/spec`` answers beside the document (Sigma's DataModelSpec)
SPEC_METADATA = (
    "dataModelId",
    "url",
    "latestDocumentVersion",
    "ownerId",
    "createdBy",
    "updatedBy",
    "createdAt",
    "updatedAt",
)

#: documents read at once by default (pull, plan): a few requests in flight, well under
#: Sigma's rate limits, so a folder of hundreds is read in a fraction of the time
CONCURRENCY = 8


@dataclass(frozen=True)
class Listed:
    """A document as a list shows it."""

    document_id: str
    name: str
    #: its folder path as Sigma shows it (``Workspace/Folder``)
    path: str
    url_id: str


@dataclass(frozen=True)
class Kind:
    key: str
    #: in words: "data model", "workbook"
    label: str
    #: the header line naming the document: "dataModelId", "workbookId"
    id_key: str

    def listing(self, sigma: Sigma) -> list[Listed]:
        if self.key == "workbook":
            return [
                Listed(w.workbook_id, w.name, w.path, w.workbook_url_id)
                for w in sigma.workbooks.list()
            ]
        return [
            Listed(m.data_model_id, m.name, m.path or "", (m.url or "").rsplit("/", 1)[-1])
            for m in sigma.data_models.list()
        ]

    def get(self, sigma: Sigma, document_id: str) -> dict[str, Any]:
        """The document as a file keeps it: a data model's spec without the metadata Sigma
        answers beside it (its id is the file's header; who changed it when is not code)."""
        if self.key == "workbook":
            got: dict[str, Any] = sigma.workbooks.get_contents(document_id)
            return got
        return spec_document(sigma.data_models.get_spec(document_id))

    def update(
        self, sigma: Sigma, document_id: str, body: Mapping[str, Any], version: int | None
    ) -> dict[str, Any]:
        """Replace the document; the new document. A data model's spec write takes only its
        pages (Sigma ignores the rest), so a new name goes through ``PATCH /v2/files``."""
        if self.key == "workbook":
            return sigma.workbooks.update_contents(document_id, body, document_version=version)
        sigma.data_models.update_spec(document_id, body, document_version=version)
        now = self.get(sigma, document_id)
        name = body.get("name")
        if isinstance(name, str) and name.strip() and name != now.get("name"):
            sigma.files.update(document_id, name=name)
            now["name"] = name
        return now

    def create(self, sigma: Sigma, body: Mapping[str, Any], folder_id: str) -> tuple[str, int]:
        """The new document's id and version."""
        if self.key == "workbook":
            made = sigma.workbooks.create_from_contents(body, folder_id=folder_id)
            return str(made["workbookId"]), int(made["contents"]["documentVersion"])
        made = sigma.data_models.create_spec(body, folder_id=folder_id)
        model_id = str(made["dataModelId"])
        return model_id, int(self.get(sigma, model_id)["documentVersion"])


def spec_document(spec: Mapping[str, Any]) -> dict[str, Any]:
    """A data model's spec as Sigma answers it, without the metadata beside the document."""
    return {k: v for k, v in spec.items() if k not in SPEC_METADATA}


DATA_MODEL = Kind("data-model", "data model", "dataModelId")
WORKBOOK = Kind("workbook", "workbook", "workbookId")
KINDS = {k.key: k for k in (DATA_MODEL, WORKBOOK)}


def read_many(
    sigma: Sigma, wanted: Sequence[tuple[Kind, str | None]], concurrency: int = CONCURRENCY
) -> list[dict[str, Any] | None]:
    """Each document's code representation, in order (None: no id, or not there), read
    ``concurrency`` at a time."""
    if not 1 <= concurrency <= 32:
        raise InputError(f"concurrency is 1 to 32, not {concurrency}")

    def read(item: tuple[Kind, str | None]) -> dict[str, Any] | None:
        kind, document_id = item
        if document_id is None:
            return None
        try:
            return kind.get(sigma, document_id)
        except NotFoundError:
            return None

    if concurrency == 1 or len(wanted) < 2:
        return [read(w) for w in wanted]
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        return list(pool.map(read, wanted))

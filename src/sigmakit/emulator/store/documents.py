"""One path for every kind of document (a workbook, a report, a data model, a dataset): a
file of the kind's type (an ``inodes`` row, :class:`.files.FileStore`'s) plus the kind's own
row (``latest_version`` and the like, in the kind store's table). A document is created by
:meth:`Documents.create` and the kind store's own INSERT, found by :meth:`Documents.row`
and listed by :meth:`Documents.page`; the kinds Sigma answers alike share
:meth:`Documents.answers`. A new kind of document is a :class:`Documents` and its row reader."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from ..errors import NotFound
from .files import FileStore
from .org import APP_URL, OrgStore
from .permissions import PermissionStore

__all__ = ["Doc", "DocPage", "Documents"]

#: a document as its kind store reads it: the file's columns and the kind's row's
Doc = dict[str, Any]
#: the kind's rows of the documents of some ids, by id (read at once)
KindRows = Callable[[Sequence[str]], Mapping[str, Any]]
#: the tags of the documents of some ids, by id
TagRows = Callable[[Sequence[str]], Mapping[str, list[dict[str, Any]]]]


class DocPage(NamedTuple):
    """One page of documents, before the kind store renders them."""

    docs: list[Doc]
    next_page: str | None
    total: int


class Documents:
    """The documents of one kind: ``type`` is their file type, ``noun`` names one in a 404,
    ``kind_rows`` reads the kind's rows, ``key`` and ``word`` are the prefix of its answer's
    id fields (``workbookId``) and the word of its url (``/workbook/``)."""

    def __init__(
        self,
        files: FileStore,
        permissions: PermissionStore,
        org: OrgStore,
        *,
        type: str,
        noun: str,
        kind_rows: KindRows,
        key: str,
        word: str,
    ) -> None:
        self.files = files
        self.permissions = permissions
        self.org = org
        self.type = type
        self.noun = noun
        self.kind_rows = kind_rows
        self.key = key
        self.word = word

    def create(
        self,
        conn: sqlite3.Connection,
        *,
        name: str,
        owner_id: str,
        parent_id: str,
        at: str | None = None,
        description: str | None = None,
    ) -> str:
        """The document's file, inside the caller's transaction (the kind store adds its own
        row in the same transaction); its id."""
        return self.files.insert(
            conn,
            name=name,
            type=self.type,
            owner_id=owner_id,
            parent_id=parent_id,
            description=description,
            at=at,
        )

    def merged(self, files: Sequence[sqlite3.Row]) -> list[Doc]:
        """The files with their kind's rows (two reads, whatever the number of files); a
        file without one (not of this kind) is left out."""
        kind = self.kind_rows([f["id"] for f in files])
        return [{**dict(f), **dict(kind[f["id"]])} for f in files if f["id"] in kind]

    def find(self, doc_id: str, *, live: bool = False) -> Doc | None:
        """The document (a live one with ``live``), or None."""
        file = self.files.rows([doc_id]).get(doc_id)
        if file is None or file["type"] != self.type or (live and file["is_archived"]):
            return None
        got = self.merged([file])
        return got[0] if got else None

    def row(self, doc_id: str, caller: str, need: str = "view", *, live: bool = False) -> Doc:
        """The document, or Sigma's 404 (403 when the caller's permission is below ``need``)."""
        doc = self.find(doc_id, live=live)
        if doc is None:
            raise NotFound.of(self.noun, doc_id)
        self.files.access(caller, doc_id, need)
        return doc

    def page(
        self,
        caller: str,
        *,
        offset: int,
        limit: int,
        archived: bool = False,
        skip_permission_check: bool = False,
    ) -> DocPage:
        """The documents the caller can reach (every one, for an admin who skips the check),
        in creation order; archived ones (their owner's) only with ``archived``."""
        everyone = skip_permission_check and self.permissions.is_admin(caller)
        got = self.files.documents(
            caller, self.type, offset=offset, limit=limit, archived=archived, everyone=everyone
        )
        return DocPage(self.merged(got.rows), got.next_page, got.total)

    def answers(
        self,
        docs: Sequence[Doc],
        *,
        path: Callable[[Doc], str],
        tags: TagRows | None,
        described: bool = False,
    ) -> list[dict[str, Any]]:
        """The documents as Sigma answers them: :meth:`entry`'s fields at the folder ``path``
        gives, then the description (if ``described`` and there is one) and the tags (if
        ``tags``, which reads them for every document at once)."""
        slug = self.org.get().slug
        by_doc = tags([d["id"] for d in docs]) if tags is not None and docs else {}
        out = []
        for doc in docs:
            entry = self.entry(doc, slug=slug, path=path(doc))
            if described and doc["description"] is not None:
                entry["description"] = doc["description"]
            if tags is not None:
                entry["tags"] = by_doc.get(doc["id"], [])
            out.append(entry)
        return out

    def entry(self, doc: Mapping[str, Any], *, slug: str, path: str) -> dict[str, Any]:
        """The fields a workbook, a report and a data model answer alike, in Sigma's order."""
        return {
            f"{self.key}Id": doc["id"],
            f"{self.key}UrlId": doc["url_id"],
            "name": doc["name"],
            "url": f"{APP_URL}/{slug}/{self.word}/{doc['url_id']}",
            "path": path,
            "latestVersion": doc["latest_version"],
            "ownerId": doc["owner_id"],
            "createdBy": doc["created_by"],
            "updatedBy": doc["updated_by"],
            "createdAt": doc["created_at"],
            "updatedAt": doc["updated_at"],
            "isArchived": bool(doc["is_archived"]),
        }

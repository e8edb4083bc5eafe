"""``/v2/workbooks`` and ``/v2/query``: workbooks, their pages, elements and controls,
copies, grants, embeds, materializations, exports and downloads.

Waiting for a materialization or an export lives apart, in :mod:`sigmakit.jobs`; the
export rules (formats per target, layouts) in :mod:`sigmakit._exports`.
"""

from __future__ import annotations

import builtins
import contextlib
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from typing import Any, Unpack

from sigmakit._async._pagination import AsyncPaginator
from sigmakit._async.resources._base import AsyncResource
from sigmakit._async.resources._grants import create_grants
from sigmakit._async.resources._workbook_bookmarks import AsyncTaggedBookmarks
from sigmakit._async.resources._workbook_sharing import AsyncWorkbookSharing
from sigmakit._errors import APIConnectionError, APITimeoutError, InputError, NotFoundError
from sigmakit._exports import (
    EXPORT_FORMATS,
    PDF_LAYOUTS,
    ExportFormat,
    ExportOptions,
    ExportRequest,
    PdfLayout,
    export_request,
)
from sigmakit._httpx import httpx
from sigmakit._paging import MAX_PAGE_SIZE
from sigmakit._request import path
from sigmakit._suggest import listing, suggestion
from sigmakit.types.data_models import check_format
from sigmakit.types.grants import NewGrant
from sigmakit.types.source_swaps import SwapResult, WorkbookSource, swap_body
from sigmakit.types.workbooks import (
    _FILENAME,
    _UUID,
    Bookmark,
    Column,
    Control,
    Element,
    ElementLineage,
    Embed,
    M,
    Materialization,
    MaterializationCron,
    MaterializationSchedule,
    Page,
    VersionTag,
    Workbook,
    contents_body,
    export_body,
)

__all__ = [
    "EXPORT_FORMATS",
    "PDF_LAYOUTS",
    "AsyncQueryDownload",
    "AsyncWorkbooks",
    "Bookmark",
    "Column",
    "Control",
    "Element",
    "Embed",
    "ExportFormat",
    "ExportRequest",
    "Materialization",
    "MaterializationCron",
    "MaterializationSchedule",
    "Page",
    "PdfLayout",
    "VersionTag",
    "Workbook",
    "export_body",
]


class AsyncQueryDownload:
    """One answer of ``GET /v2/query/{id}/download``: not ``ready`` yet (204) or a body to read."""

    def __init__(self, response: httpx.Response) -> None:
        self._response = response
        self.status_code = response.status_code
        self.ready = response.status_code != 204
        self.content_type: str | None = response.headers.get("content-type")
        length = response.headers.get("content-length")
        self.content_length: int | None = int(length) if length and length.isdigit() else None
        match = _FILENAME.search(response.headers.get("content-disposition", ""))
        self.filename: str | None = match.group(1) if match else None
        #: bytes of the body read so far
        self.bytes_read = 0

    async def aiter_bytes(self, chunk_size: int = 64 * 1024) -> AsyncIterator[bytes]:
        """The body as it arrives. A dropped connection raises :class:`APIConnectionError`."""
        try:
            async for chunk in self._response.aiter_bytes(chunk_size):
                self.bytes_read += len(chunk)
                yield chunk
        except httpx.TimeoutException:
            raise APITimeoutError("the download timed out before the file was complete") from None
        except httpx.TransportError:
            raise APIConnectionError(
                "the connection dropped before the whole file was downloaded"
            ) from None


class AsyncWorkbooks(AsyncTaggedBookmarks, AsyncWorkbookSharing, AsyncResource):
    """A workbook's tagged bookmarks (:mod:`._workbook_bookmarks`) and its conversion, sends,
    cross-organization shares and webhooks (:mod:`._workbook_sharing`) are inherited."""

    def list(
        self,
        *,
        is_archived: bool | None = None,
        exclude_tags: bool | None = None,
        exclude_explorations: bool | None = None,
        skip_permission_check: bool | None = None,
        page_size: int = MAX_PAGE_SIZE,
        limit: int | None = None,
    ) -> AsyncPaginator[Workbook]:
        return AsyncPaginator(
            self._core,
            "/v2/workbooks",
            Workbook.model_validate,
            params={
                "isArchived": is_archived,
                "excludeTags": exclude_tags,
                "excludeExplorations": exclude_explorations,
                "skipPermissionCheck": skip_permission_check,
            },
            page_size=page_size,
            limit=limit,
        )

    async def get(self, workbook_id: str) -> Workbook:
        return Workbook.model_validate(
            await self._core.request("GET", path("/v2/workbooks/{}", workbook_id))
        )

    # ----- the code representation (contents) -----

    async def get_contents(
        self, workbook_id: str, *, format: str = "json", document_version: int | None = None
    ) -> Any:
        """The workbook's code representation (its ``contents``: pages, elements, columns,
        sources, ``documentVersion``) as a dict, or with ``format="yaml"`` the YAML text
        Sigma sends (the workbook with its contents); ``document_version`` asks for an
        earlier version."""
        wanted = check_format(format)
        url = path("/v2/workbooks/{}", _wid(workbook_id))
        params = {"includeContents": "true", "documentVersion": document_version}
        if wanted == "yaml":
            async with self._core.stream(
                "GET", url, params={**params, "format": "yaml"}
            ) as response:
                return (await response.aread()).decode("utf-8")
        got = await self._core.request("GET", url, params=params)
        return got["contents"]

    async def update_contents(
        self,
        workbook_id: str,
        contents: Mapping[str, Any] | str,
        *,
        document_version: int | None = None,
    ) -> dict[str, Any]:
        """Replace the workbook's contents whole (a dict, or YAML/JSON text) and answer the
        new contents. With ``document_version`` (or a ``documentVersion`` in them) Sigma
        refuses the write if the workbook changed since (a ``ConflictError``); a write that
        names a version is not retried, as a retry after a lost answer would be stale."""
        body = contents_body(contents)
        if document_version is not None:
            body["documentVersion"] = document_version
        url = path("/v2/workbooks/{}/contents", _wid(workbook_id))
        got: dict[str, Any] = await self._core.request(
            "PUT", url, json=body, idempotent="documentVersion" not in body
        )
        return got

    async def create_from_contents(
        self,
        contents: Mapping[str, Any] | str,
        *,
        name: str | None = None,
        folder_id: str | None = None,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """A new workbook laid down from ``contents`` in ``folder_id`` (or their
        ``folderId``), named ``name`` (or their ``name``); with ``dry_run`` Sigma only
        checks them (their shape and sources) and writes nothing."""
        body = contents_body(contents)
        body.pop("documentVersion", None)
        request: dict[str, Any] = {
            "name": name or body.get("name"),
            "folderId": folder_id or body.get("folderId"),
            "contents": body,
        }
        if not request["name"] or not request["folderId"]:
            raise InputError("a new workbook needs a name and a folder (folder_id)")
        if dry_run:
            request["dryRun"] = True
        got: dict[str, Any] = await self._core.request(
            "POST", "/v2/workbooks", json=request, idempotent=dry_run
        )
        return got

    async def resolve(self, ref: str) -> Workbook:
        """A workbook named by id, urlId or exact name (an admin finds any workbook).

        A name that several workbooks share is an :class:`InputError` naming their ids.
        """
        ref = ref.strip()
        if not ref:
            raise InputError("name a workbook by id, urlId or name")
        if _UUID.match(ref):
            return await self.get(ref)
        named: list[Workbook] = []
        names: list[str] = []
        async for workbook in self.list(exclude_tags=True, skip_permission_check=True):
            if workbook.workbook_url_id == ref:
                return workbook
            if workbook.name == ref:
                named.append(workbook)
            names.append(workbook.name)
        if len(named) == 1:
            return named[0]
        if named:
            ids = ", ".join(w.workbook_id for w in named)
            raise InputError(f"{len(named)} workbooks are named {ref!r}; use an id: {ids}")
        raise NotFoundError(
            404,
            message=f"no workbook has the id, urlId or name {ref!r}{suggestion(ref, names)} "
            f"(workbooks: {listing(names) or 'none'})",
        )

    def pages(
        self, workbook_id: str, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> AsyncPaginator[Page]:
        return self._list(Page, path("/v2/workbooks/{}/pages", workbook_id), page_size, limit)

    def elements(
        self,
        workbook_id: str,
        page_id: str,
        *,
        page_size: int = MAX_PAGE_SIZE,
        limit: int | None = None,
    ) -> AsyncPaginator[Element]:
        """The elements of one page."""
        url = path("/v2/workbooks/{}/pages/{}/elements", workbook_id, page_id)
        return self._list(Element, url, page_size, limit)

    def all_elements(
        self, workbook_id: str, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> AsyncPaginator[Element]:
        """Every element of the workbook, whatever its page, in one list. Described since
        2026 (not in the 2025-11 description): an older Sigma answers 404."""
        url = path("/v2/workbooks/{}/elements", workbook_id)
        return self._list(Element, url, page_size, limit)

    def columns(
        self,
        workbook_id: str,
        element_id: str,
        *,
        page_size: int = MAX_PAGE_SIZE,
        limit: int | None = None,
    ) -> AsyncPaginator[Column]:
        url = path("/v2/workbooks/{}/elements/{}/columns", workbook_id, element_id)
        return self._list(Column, url, page_size, limit)

    async def element_lineage(self, workbook_id: str, element_id: str) -> ElementLineage:
        """What a data element reads (a table, pivot table, chart or input table). Sigma
        answers a control or a text with an error (a :class:`BadRequestError`)."""
        url = path("/v2/workbooks/{}/lineage/elements/{}", workbook_id, element_id)
        return ElementLineage.model_validate(await self._core.request("GET", url))

    def controls(
        self, workbook_id: str, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> AsyncPaginator[Control]:
        url = path("/v2/workbooks/{}/controls", workbook_id)
        return self._list(Control, url, page_size, limit)

    async def copy(
        self,
        workbook_id: str,
        *,
        destination_folder_id: str,
        name: str,
        description: str | None = None,
    ) -> Workbook:
        """Copy a workbook into a folder; returns the new workbook."""
        body: dict[str, Any] = {"destinationFolderId": destination_folder_id, "name": name}
        if description is not None:
            body["description"] = description
        return Workbook.model_validate(
            await self._core.request("POST", path("/v2/workbooks/{}/copy", workbook_id), json=body)
        )

    async def sources(self, workbook_id: str) -> builtins.list[WorkbookSource]:
        """What the workbook reads: each data model, dataset, table and custom SQL once."""
        got = await self._core.request("GET", path("/v2/workbooks/{}/sources", workbook_id))
        return [WorkbookSource.model_validate(s) for s in got]

    async def swap_sources(
        self,
        workbook_id: str,
        *,
        connections: Mapping[str, str] | None = None,
        sources: Mapping[str, str] | None = None,
        paths: Mapping[str, Sequence[tuple[Sequence[str], Sequence[str]]]] | None = None,
        swap_tables: bool = True,
    ) -> SwapResult:
        """Point the workbook at other connections (from id -> to id; tables move to the
        same path, or the one ``paths[from id]`` rewrites) or other tables, datasets or data
        models (``sources``); answers what was left alone."""
        body = swap_body(
            connections=connections, sources=sources, paths=paths, swap_tables=swap_tables
        )
        url = path("/v2/workbooks/{}/swapSources", workbook_id)
        return SwapResult.model_validate(await self._core.request("POST", url, json=body))

    async def create_grants(self, workbook_id: str, grants: Iterable[NewGrant]) -> None:
        """Grant ``view``, ``explore`` or ``edit`` to members or teams."""
        await create_grants(self._core, path("/v2/workbooks/{}/grants", workbook_id), grants)

    async def delete_grant(self, workbook_id: str, grant_id: str) -> None:
        await self._core.request(
            "DELETE", path("/v2/workbooks/{}/grants/{}", workbook_id, grant_id)
        )

    def embeds(
        self, workbook_id: str, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> AsyncPaginator[Embed]:
        url = path("/v2/workbooks/{}/embeds", workbook_id)
        return self._list(Embed, url, page_size, limit)

    async def create_embed(
        self,
        workbook_id: str,
        *,
        embed_type: str = "secure",
        source_type: str = "workbook",
        source_id: str | None = None,
    ) -> Embed:
        """Embed the workbook, or one of its pages or elements (``source_type``, ``source_id``)."""
        if (source_type == "workbook") != (source_id is None):
            raise InputError("source_id names the page or element, and only for those")
        body: dict[str, Any] = {"embedType": embed_type, "sourceType": source_type}
        if source_id is not None:
            body["sourceId"] = source_id
        return Embed.model_validate(
            await self._core.request(
                "POST", path("/v2/workbooks/{}/embeds", workbook_id), json=body
            )
        )

    async def delete_embed(self, workbook_id: str, embed_id: str) -> None:
        await self._core.request(
            "DELETE", path("/v2/workbooks/{}/embeds/{}", workbook_id, embed_id)
        )

    def materialization_schedules(
        self, workbook_id: str, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> AsyncPaginator[MaterializationSchedule]:
        url = path("/v2/workbooks/{}/materialization-schedules", workbook_id)
        return self._list(MaterializationSchedule, url, page_size, limit)

    async def materialize(self, workbook_id: str, sheet_id: str) -> str:
        """Start materializing an element; returns the materialization id."""
        answer = await self._core.request(
            "POST",
            path("/v2/workbooks/{}/materializations", workbook_id),
            json={"sheetId": sheet_id},
        )
        return str(answer["materializationId"])

    async def materialization(self, workbook_id: str, materialization_id: str) -> Materialization:
        url = path("/v2/workbooks/{}/materializations/{}", workbook_id, materialization_id)
        return Materialization.model_validate(await self._core.request("GET", url))

    async def export(
        self,
        workbook_id: str,
        request: ExportRequest | None = None,
        **options: Unpack[ExportOptions],
    ) -> str:
        """Start an export of an element, a page or (neither given) the whole workbook:
        an :class:`~sigmakit.ExportRequest`, or its fields as keywords
        (``export(id, element_id=e, format="pdf")``; keywords given with a request replace
        its fields).

        Returns the query id to download with :meth:`download`. ``parameters`` maps a
        control id to its value as Sigma spells it (``"a,b"``, ``"min:1,max:5"``...).
        """
        body = export_request(request, options).body()
        answer = await self._core.request(
            "POST", path("/v2/workbooks/{}/export", workbook_id), json=body
        )
        return str(answer["queryId"])

    @contextlib.asynccontextmanager
    async def download(self, query_id: str) -> AsyncIterator[AsyncQueryDownload]:
        """``GET /v2/query/{id}/download``, body unread: check ``ready``, then read
        ``aiter_bytes()``."""
        async with self._core.stream("GET", path("/v2/query/{}/download", query_id)) as response:
            yield AsyncQueryDownload(response)

    def _list(
        self, model: type[M], url: str, page_size: int, limit: int | None
    ) -> AsyncPaginator[M]:
        return AsyncPaginator(
            self._core, url, model.model_validate, page_size=page_size, limit=limit
        )


def _wid(workbook_id: str) -> str:
    if not isinstance(workbook_id, str) or not workbook_id.strip():
        raise InputError("name a workbook by its id")
    return workbook_id.strip()

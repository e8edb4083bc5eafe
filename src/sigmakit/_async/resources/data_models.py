"""``/v2/dataModels``: data models and their code representation (``/spec``), read and
written as a document ``{schemaVersion, kind, name, folderId, documentVersion, pages}``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sigmakit._async._pagination import AsyncPaginator
from sigmakit._async.resources._base import AsyncResource
from sigmakit._errors import InputError, NotFoundError
from sigmakit._lookup import looks_like_id
from sigmakit._paging import MAX_PAGE_SIZE
from sigmakit._request import path
from sigmakit._suggest import listing, suggestion
from sigmakit.types.data_models import (
    DataModel,
    DataModelColumn,
    DataModelLineage,
    DataModelTag,
    DatasetMigration,
    _data_model,
    check_format,
    spec_body,
)
from sigmakit.types.source_swaps import DataModelTagAssignment, SwapResult, swap_body
from sigmakit.types.tags import check_version
from sigmakit.types.workbooks import Element, MaterializationSchedule

__all__ = ["AsyncDataModels", "DataModel"]


class AsyncDataModels(AsyncResource):
    def list(
        self, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> AsyncPaginator[DataModel]:
        """Every data model the caller can reach, fetched lazily."""
        return AsyncPaginator(
            self._core, "/v2/dataModels", _data_model, page_size=page_size, limit=limit
        )

    async def get(self, data_model_id: str) -> DataModel:
        return _data_model(
            await self._core.request("GET", path("/v2/dataModels/{}", _id(data_model_id)))
        )

    async def get_spec(
        self, data_model_id: str, *, format: str = "json", document_version: int | None = None
    ) -> Any:
        """The data model's code representation: a dict, or with ``format="yaml"`` the YAML
        text Sigma sends; ``document_version`` asks for an earlier version."""
        wanted = check_format(format)
        url = path("/v2/dataModels/{}/spec", _id(data_model_id))
        params = {"format": wanted, "documentVersion": document_version}
        if wanted == "json":
            return await self._core.request("GET", url, params=params)
        async with self._core.stream("GET", url, params=params) as response:
            return (await response.aread()).decode("utf-8")

    async def update_spec(
        self,
        data_model_id: str,
        spec: Mapping[str, Any] | str,
        *,
        document_version: int | None = None,
    ) -> dict[str, Any]:
        """Replace the data model's pages (a dict, or YAML/JSON text; Sigma ignores every
        other key) and answer Sigma's ``{success, dataModelId}``. With ``document_version`` (or a ``documentVersion`` in the spec) Sigma
        refuses the write if the model changed since that version (a ``ConflictError``);
        without, the last write wins. A write that names a version is not retried: a
        retry after a lost answer would be refused as stale."""
        body = spec_body(spec, documentVersion=document_version)
        url = path("/v2/dataModels/{}/spec", _id(data_model_id))
        got: dict[str, Any] = await self._core.request(
            "PUT", url, json=body, idempotent="documentVersion" not in body
        )
        return got

    async def create_spec(
        self, spec: Mapping[str, Any] | str, *, folder_id: str | None = None
    ) -> dict[str, Any]:
        """A new data model from a spec, in ``folder_id`` (or the spec's ``folderId``);
        Sigma answers ``{success, dataModelId}``."""
        body = spec_body(spec, folderId=folder_id)
        body.pop("documentVersion", None)
        if not body.get("folderId") or not body.get("name"):
            raise InputError("a new data model needs a name and a folder (folder_id)")
        got: dict[str, Any] = await self._core.request("POST", "/v2/dataModels/spec", json=body)
        return got

    async def tag(
        self, data_model_id: str, tag: str, *, version: int | None = None
    ) -> DataModelTagAssignment:
        """Put the tag (by name) on a version of the data model (its latest without
        ``version``); a tag marks one version per model: tagging another moves it."""
        if not tag.strip():
            raise InputError("name a version tag")
        body: dict[str, Any] = {"dataModelId": _id(data_model_id), "tag": tag.strip()}
        if version is not None:
            body["dataModelVersion"] = check_version(version)
        return DataModelTagAssignment.model_validate(
            await self._core.request("POST", "/v2/dataModels/tag", json=body)
        )

    def tags(
        self, data_model_id: str, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> AsyncPaginator[DataModelTag]:
        """The data model's tagged versions: which tag marks which version."""
        url = path("/v2/dataModels/{}/tags", _id(data_model_id))
        return AsyncPaginator(
            self._core, url, DataModelTag.model_validate, page_size=page_size, limit=limit
        )

    def lineage(
        self, data_model_id: str, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> AsyncPaginator[DataModelLineage]:
        """Each element with what it is built on, then each table it reads (its connection
        and path)."""
        url = path("/v2/dataModels/{}/lineage", _id(data_model_id))
        return AsyncPaginator(
            self._core, url, DataModelLineage.model_validate, page_size=page_size, limit=limit
        )

    async def swap_sources(
        self,
        data_model_id: str,
        *,
        connections: Mapping[str, str] | None = None,
        sources: Mapping[str, str] | None = None,
        paths: Mapping[str, Sequence[tuple[Sequence[str], Sequence[str]]]] | None = None,
        swap_tables: bool = True,
    ) -> SwapResult:
        """Point the data model's tables at another connection (from id -> to id: each
        table moves to the same path, or the one ``paths[from id]`` rewrites) or at other
        tables (``sources``); answers what was left alone."""
        body = swap_body(
            connections=connections, sources=sources, paths=paths, swap_tables=swap_tables
        )
        url = path("/v2/dataModels/{}/swapSources", _id(data_model_id))
        return SwapResult.model_validate(await self._core.request("POST", url, json=body))

    # ----- datasets (deprecated by Sigma) becoming data models -----

    async def migrate_dataset(
        self,
        dataset_id: str,
        *,
        update_references: bool,
        folder_id: str | None = None,
        dry_run: bool = False,
    ) -> DatasetMigration:
        """Migrate a dataset to a new data model (beta), in ``folder_id`` (default: the
        dataset's folder); ``update_references`` points the workbooks reading the dataset at
        it. ``dry_run`` only answers the dataset's links and counts."""
        body: dict[str, Any] = {"shouldUpdateReferences": update_references}
        if folder_id is not None:
            body["destFolderId"] = folder_id
        if dry_run:
            body["dryRun"] = True
        url = path("/v2/datasets/{}/migrate", _id(dataset_id, "dataset"))
        return DatasetMigration.model_validate(
            await self._core.request("POST", url, json=body, idempotent=dry_run)
        )

    async def materialize_dataset(self, dataset_id: str) -> dict[str, Any]:
        """Start a (deprecated) dataset materialization, raw: ``{"taskId": ...}``."""
        url = path("/v2/datasets/{}/materialization", _id(dataset_id, "dataset"))
        got: dict[str, Any] = await self._core.request("POST", url, json={})
        return got

    def dataset_materializations(
        self, dataset_id: str, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> AsyncPaginator[dict[str, Any]]:
        """A (deprecated) dataset's finished materialization runs, raw."""
        url = path("/v2/datasets/{}/materialization", _id(dataset_id, "dataset"))
        return AsyncPaginator(self._core, url, dict, page_size=page_size, limit=limit)

    # ----- finding one, and what it holds -----

    async def resolve(self, ref: str) -> DataModel:
        """A data model named by id, urlId or exact name, from one walk of :meth:`list` (a
        UUID is read with one request first). A name several models share is an
        :class:`InputError` naming their ids; no match is a :class:`NotFoundError` naming
        the closest."""
        ref = ref.strip() if isinstance(ref, str) else ""
        if not ref:
            raise InputError("name a data model by id, urlId or name")
        if looks_like_id(ref):
            try:
                return await self.get(ref)
            except NotFoundError:
                pass
        named: list[DataModel] = []
        names: list[str] = []
        async for model in self.list():
            if ref in (model.data_model_url_id, model.data_model_id):
                return model
            if model.name == ref:
                named.append(model)
            names.append(model.name)
        if len(named) == 1:
            return named[0]
        if named:
            ids = ", ".join(m.data_model_id for m in named)
            raise InputError(f"{len(named)} data models are named {ref!r}; use an id: {ids}")
        raise NotFoundError(
            404,
            message=f"no data model has the id, urlId or name {ref!r}{suggestion(ref, names)} "
            f"(data models: {listing(names) or 'none'})",
        )

    def elements(
        self,
        data_model_id: str,
        *,
        tag: str | None = None,
        page_size: int = MAX_PAGE_SIZE,
        limit: int | None = None,
    ) -> AsyncPaginator[Element]:
        """The data model's elements (their columns by name), of the version ``tag`` marks
        with one."""
        url = path("/v2/dataModels/{}/elements", _id(data_model_id))
        params = {"tagName": tag} if tag is not None else None
        return AsyncPaginator(
            self._core, url, Element.model_validate, params=params, page_size=page_size, limit=limit
        )

    def columns(
        self, data_model_id: str, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> AsyncPaginator[DataModelColumn]:
        """Every column of the data model's elements: its element, formula and type."""
        url = path("/v2/dataModels/{}/columns", _id(data_model_id))
        return AsyncPaginator(
            self._core, url, DataModelColumn.model_validate, page_size=page_size, limit=limit
        )

    def materialization_schedules(
        self, data_model_id: str, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> AsyncPaginator[MaterializationSchedule]:
        """The data model's element materialization schedules (created, changed and deleted
        through ``sigma.materialization_schedules``)."""
        url = path("/v2/dataModels/{}/materializationSchedules", _id(data_model_id))
        return AsyncPaginator(
            self._core,
            url,
            MaterializationSchedule.model_validate,
            page_size=page_size,
            limit=limit,
            style="token",
        )


def _id(data_model_id: str, kind: str = "data model") -> str:
    if not isinstance(data_model_id, str) or not data_model_id.strip():
        raise InputError(f"name a {kind} by its id")
    return data_model_id.strip()

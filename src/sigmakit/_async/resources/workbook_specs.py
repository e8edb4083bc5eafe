"""``/v2/workbooks/{workbookId}/spec``, ``/v2/workbooks/spec`` and ``/v2/workbooks/spec/verify``
(beta, published after 2026-08): a workbook's code representation as Sigma's description has
it, read, replaced, created from and verified."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sigmakit._async.resources._base import AsyncResource
from sigmakit._errors import InputError
from sigmakit._request import path
from sigmakit.types.workbook_specs import (
    WorkbookSpecCheck,
    WorkbookSpecFailure,
    WorkbookSpecWrite,
    workbook_spec_body,
)

__all__ = ["AsyncWorkbookSpecs", "WorkbookSpecCheck", "WorkbookSpecFailure", "WorkbookSpecWrite"]


class AsyncWorkbookSpecs(AsyncResource):
    async def get(self, workbook_id: str, *, document_version: int | None = None) -> dict[str, Any]:
        """The workbook's spec as a dict: its metadata (``workbookId``, ``name``,
        ``documentVersion``, ``latestDocumentVersion``...), ``schemaVersion``, ``kind``,
        ``pages`` and ``layout``; ``document_version`` asks for an earlier version."""
        url = path("/v2/workbooks/{}/spec", _wid(workbook_id))
        params = {"format": "json", "documentVersion": document_version}
        got: dict[str, Any] = await self._core.request("GET", url, params=params)
        return got

    async def get_yaml(self, workbook_id: str, *, document_version: int | None = None) -> str:
        """The workbook's spec as the YAML text Sigma sends (its default format)."""
        url = path("/v2/workbooks/{}/spec", _wid(workbook_id))
        params = {"format": "yaml", "documentVersion": document_version}
        async with self._core.stream("GET", url, params=params) as response:
            return (await response.aread()).decode("utf-8")

    async def update(
        self,
        workbook_id: str,
        spec: Mapping[str, Any] | str,
        *,
        document_version: int | None = None,
    ) -> WorkbookSpecWrite:
        """Replace the workbook's pages with the spec's (a dict, or YAML/JSON text; Sigma
        ignores every other key). With ``document_version`` (or a ``documentVersion`` in the
        spec, as :meth:`get` answers it) Sigma refuses the write if the workbook changed
        since (a ``ConflictError``); a write that names a version is not retried, as a retry
        after a lost answer would be stale."""
        body = workbook_spec_body(spec, documentVersion=document_version)
        url = path("/v2/workbooks/{}/spec", _wid(workbook_id))
        got = await self._core.request(
            "PUT", url, json=body, idempotent="documentVersion" not in body
        )
        return WorkbookSpecWrite.model_validate(got)

    async def create(
        self,
        spec: Mapping[str, Any] | str,
        *,
        name: str | None = None,
        folder_id: str | None = None,
        description: str | None = None,
    ) -> WorkbookSpecWrite:
        """A new workbook from the spec, named ``name`` (or the spec's ``name``) in
        ``folder_id`` (or its ``folderId``)."""
        body = _creation(spec, name, folder_id, description)
        got = await self._core.request("POST", "/v2/workbooks/spec", json=body)
        return WorkbookSpecWrite.model_validate(got)

    async def verify(
        self,
        spec: Mapping[str, Any] | str,
        *,
        name: str | None = None,
        folder_id: str | None = None,
        description: str | None = None,
    ) -> WorkbookSpecCheck:
        """Sigma's checks of :meth:`create` with nothing written: ``valid``, and the
        failures found when it is not."""
        body = _creation(spec, name, folder_id, description)
        got = await self._core.request("POST", "/v2/workbooks/spec/verify", json=body)
        return WorkbookSpecCheck.model_validate(got)


def _creation(
    spec: Mapping[str, Any] | str,
    name: str | None,
    folder_id: str | None,
    description: str | None,
) -> dict[str, Any]:
    body = workbook_spec_body(spec, name=name, folderId=folder_id, description=description)
    body.pop("documentVersion", None)
    if not isinstance(body.get("name"), str) or not body["name"].strip():
        raise InputError("a new workbook needs a name (name=, or name in the spec)")
    if not isinstance(body.get("folderId"), str) or not body["folderId"].strip():
        raise InputError("a new workbook needs a folder (folder_id=, or folderId in the spec)")
    return body


def _wid(workbook_id: str) -> str:
    if not isinstance(workbook_id, str) or not workbook_id.strip():
        raise InputError("name a workbook by its id")
    return workbook_id.strip()

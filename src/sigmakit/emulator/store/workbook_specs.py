"""A workbook's code representation as Sigma's published description has it (``GET``/``PUT
/v2/workbooks/{workbookId}/spec``, ``POST /v2/workbooks/spec`` and ``/spec/verify``, all
"(Beta)"): the document of :class:`.workbook_contents.WorkbookContentsStore` (its pages, its
checks, its versions) with ``WorkbookSpec``'s metadata around it, ``schemaVersion`` a number
and ``layout`` beside the pages.

Nothing here names a table: every read and write goes through the contents store, so the
spec and the contents are one document. Its pages are the contents' with the description's
page keys (``visibility: hidden``, ``type: page``); their elements are the contents' guessed
shape, not Sigma's ``WorkbookElement`` (not vendored). What else is chosen where the
description is silent is in ``tests/parity/GUESSES.md`` ("Workbook specs").
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..errors import ApiError, BadRequest
from .code_schema import spec_metadata
from .workbook_contents import WorkbookContentsStore

__all__ = ["WorkbookSpecStore"]


def _spec(body: Any) -> dict[str, Any]:
    """The body as a spec: an object with ``schemaVersion`` 1 (a number, or "1") and a
    ``kind`` that is "workbook" when given; a 400 otherwise."""
    if not isinstance(body, dict):
        raise BadRequest("Invalid spec: the spec must be an object with a pages array")
    version = body.get("schemaVersion")
    if version is None:
        raise BadRequest("Invalid spec: schemaVersion: required (1)")
    if isinstance(version, bool) or version not in (1, "1"):
        raise BadRequest(f"Invalid spec: schemaVersion: must be 1, not {version!r}")
    kind = body.get("kind", "workbook")
    if kind != "workbook":
        raise BadRequest(f"Invalid spec: kind: must be workbook, not {kind!r}")
    layout = body.get("layout")
    if layout is not None and not isinstance(layout, str):
        raise BadRequest("Invalid spec: layout: must be a string (grid layout XML) or null")
    spec: dict[str, Any] = body
    return spec


def _version(value: Any) -> int | None:
    """``documentVersion`` as a whole number (the description types it a number)."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise BadRequest(f"Invalid spec: documentVersion: must be a whole number, not {value!r}")
    return value


def _text(body: dict[str, Any], key: str, required: bool) -> str | None:
    value = body.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or (required and not value.strip()):
        raise BadRequest(f"Invalid spec: {key}: required, a non-empty string")
    return value


def _page_out(page: dict[str, Any]) -> dict[str, Any]:
    """A contents page as the description's "Page": ``visibility: hidden`` for ``hidden``."""
    out: dict[str, Any] = {}
    for key, value in page.items():
        if key != "hidden":
            out[key] = value
        elif value:
            out["visibility"] = "hidden"
    return out


def _page_in(page: Any, p: int) -> Any:
    """A spec page as the contents take it; a modal, a drawer or a visibility for some
    users and teams is a 400 (not emulated)."""
    if not isinstance(page, dict):
        return page  # the contents' check names it
    page = dict(page)
    kind = page.pop("type", "page")
    if kind != "page":
        raise BadRequest(f"Invalid spec: pages[{p}].type: {kind!r} pages are not emulated")
    if "hidden" in page:
        raise BadRequest(f"Invalid spec: pages[{p}].hidden: unknown field (visibility: hidden)")
    visibility = page.pop("visibility", None)
    if visibility == "hidden":
        page["hidden"] = True
    elif visibility is not None:
        raise BadRequest(f"Invalid spec: pages[{p}].visibility: only hidden is emulated")
    return page


def _document(spec: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """What the contents store checks: the pages (only), and ``extra``."""
    document = {k: v for k, v in extra.items() if v is not None}
    if "pages" in spec:
        pages = spec["pages"]
        document["pages"] = (
            [_page_in(page, p) for p, page in enumerate(pages)]
            if isinstance(pages, list)
            else pages
        )
    return document


@contextmanager
def _as_spec() -> Iterator[None]:
    """The contents store's 400s worded for a spec ("Invalid spec: pages[0]...")."""
    try:
        yield
    except BadRequest as exc:
        for old, new in (("Invalid contents", "Invalid spec"), ("The contents", "The spec")):
            if exc.message.startswith(old):
                raise BadRequest(new + exc.message[len(old) :], exc.code) from None
        raise


class WorkbookSpecStore:
    def __init__(self, contents: WorkbookContentsStore):
        self.contents = contents

    def get(self, workbook_id: str, caller: str, version: int | None = None) -> dict[str, Any]:
        """``WorkbookSpec``: the workbook's metadata, then the document at ``version`` (the
        latest without)."""
        document = self.contents.contents(workbook_id, caller, version)
        workbook = self.contents.workbooks.get(workbook_id, caller)
        spec = spec_metadata(
            "workbookId",
            workbook,
            document["documentVersion"],
            workbook["latestVersion"],
            document["folderId"],
        )
        return spec | {
            "schemaVersion": 1,
            "kind": "workbook",
            "pages": [_page_out(page) for page in document["pages"]],
            "layout": None,
        }

    def update(self, workbook_id: str, body: Any, caller: str) -> dict[str, Any]:
        """Replace the pages (every other key is ignored, as the description says; a stale
        ``documentVersion`` is the contents' 409). Answers ``{success, workbookId}``."""
        spec = _spec(body)
        document = _document(spec, documentVersion=_version(spec.get("documentVersion")))
        with _as_spec():
            self.contents.update(workbook_id, document, caller)
        return {"success": True, "workbookId": workbook_id}

    def _creation(self, body: Any, dry_run: bool) -> dict[str, Any]:
        """The contents store's ``POST /v2/workbooks`` body for a ``CreateWorkbookSpec``."""
        spec = _spec(body)
        created: dict[str, Any] = {
            "name": _text(spec, "name", True),
            "folderId": _text(spec, "folderId", True),
            "contents": _document(spec),
            "dryRun": dry_run,
        }
        description = _text(spec, "description", False)
        if description is not None:
            created["description"] = description
        return created

    def create(self, body: Any, caller: str) -> dict[str, Any]:
        """A new workbook from the spec, at version 1. Answers ``{success, workbookId}``."""
        with _as_spec():
            made = self.contents.create(self._creation(body, dry_run=False), caller)
        return {"success": True, "workbookId": made["workbookId"]}

    def verify(self, body: Any, caller: str) -> dict[str, Any]:
        """The checks of :meth:`create` with nothing written: ``{valid: true}``, or
        ``{valid: false, errors: [{summary}]}`` naming the first problem with the spec, its
        folder or a source it reads (a 403 stays a 403: the caller may not create there)."""
        try:
            with _as_spec():
                self.contents.create(self._creation(body, dry_run=True), caller)
        except ApiError as exc:
            if exc.status not in (400, 404):
                raise
            return {"valid": False, "errors": [{"summary": exc.message}]}
        return {"valid": True}

# generated from src/sigmakit/_async/resources/templates.py by scripts/unasync.py; edit that file, then `make generate`
"""``/v2/templates``: the organization's workbook templates (its own, and those shared with
it by other organizations), and new workbooks saved from them."""

from __future__ import annotations

from typing import Any

from sigmakit._errors import InputError, NotFoundError
from sigmakit._paging import MAX_PAGE_SIZE
from sigmakit._request import path
from sigmakit._suggest import listing, suggestion
from sigmakit._sync._pagination import Paginator
from sigmakit._sync.resources._base import Resource
from sigmakit.types.templates import _UUID, Template, TemplateSource, TemplateTag, _template

__all__ = ["Template", "TemplateSource", "TemplateTag", "Templates"]


class Templates(Resource):
    def list(
        self,
        *,
        source: TemplateSource | None = None,
        search: str | None = None,
        page_size: int = MAX_PAGE_SIZE,
        limit: int | None = None,
    ) -> Paginator[Template]:
        """Every template, fetched lazily; ``source`` internal or external, ``search`` a part
        of the name."""
        if source is not None and source not in ("internal", "external"):
            raise InputError(f"source is internal or external, not {source!r}")
        return Paginator(
            self._core,
            "/v2/templates",
            _template,
            params={"source": source, "search": search},
            page_size=page_size,
            limit=limit,
        )

    def get(self, template_id: str) -> Template:
        return _template(self._core.request("GET", path("/v2/templates/{}", template_id)))

    def resolve(self, ref: str) -> Template:
        """A template named by id, urlId or exact name; a name two templates share is an
        :class:`InputError` naming their ids."""
        ref = ref.strip()
        if not ref:
            raise InputError("name a template by id, urlId or name")
        if _UUID.match(ref):
            return self.get(ref)
        named: list[Template] = []
        names: list[str] = []
        for template in self.list():
            if template.template_url_id == ref:
                return template
            if template.name == ref:
                named.append(template)
            names.append(template.name)
        if len(named) == 1:
            return named[0]
        if named:
            ids = ", ".join(t.template_id for t in named)
            raise InputError(f"{len(named)} templates are named {ref!r}; use an id: {ids}")
        raise NotFoundError(
            404,
            message=f"no template has the id, urlId or name {ref!r}{suggestion(ref, names)} "
            f"(templates: {listing(names) or 'none'})",
        )

    def save_workbook(
        self,
        template_id: str,
        folder_id: str,
        *,
        name: str | None = None,
        description: str | None = None,
    ) -> str:
        """A new workbook from a template, in ``folder_id`` (a folder, a workspace, or a
        member's My Documents: their ``home_folder_id``); returns the workbook's id. Name and
        description default to the template's."""
        if name is not None and not name.strip():
            raise InputError("a workbook name cannot be empty")
        body: dict[str, Any] = {"templateId": template_id, "folderId": folder_id}
        if name is not None:
            body["name"] = name.strip()
        if description is not None:
            body["description"] = description
        answer = self._core.request("POST", "/v2/templates/save_workbook", json=body)
        return str(answer["workbookId"])

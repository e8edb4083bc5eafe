# generated from src/sigmakit/_async/resources/tags.py by scripts/unasync.py; edit that file, then `make generate`
"""``/v2/tags``: version tags, the workbook versions they mark (``/v2/workbooks/tag``,
``/v2/workbooks/{id}/tags``), copies of a tagged version, a workbook's version history and
restoring a version.

A tag is named by its id or its name (case-insensitive) everywhere; a name costs one read of
the tag list (tags are few), an id none.
"""

from __future__ import annotations

from typing import Any

from sigmakit._errors import InputError, NotFoundError
from sigmakit._paging import MAX_PAGE_SIZE
from sigmakit._request import path
from sigmakit._suggest import listing, suggestion
from sigmakit._sync._pagination import Paginator
from sigmakit._sync.resources._base import Resource
from sigmakit.types.tags import (
    _UUID,
    TAG_COLORS,
    Tag,
    TagAssignment,
    VersionMark,
    WorkbookVersion,
    check_version,
)
from sigmakit.types.workbooks import VersionTag, Workbook

__all__ = [
    "TAG_COLORS",
    "Tag",
    "TagAssignment",
    "Tags",
    "VersionMark",
    "WorkbookVersion",
    "check_version",
]


class Tags(Resource):
    def list(
        self, *, search: str | None = None, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> Paginator[Tag]:
        """Every version tag (``search``: those whose name contains it), fetched lazily."""
        return Paginator(
            self._core,
            "/v2/tags",
            Tag.model_validate,
            params={"search": search},
            page_size=page_size,
            limit=limit,
        )

    def get(self, ref: str | Tag) -> Tag:
        """A tag by id or name (case-insensitive). :class:`NotFoundError` names the
        closest tags and lists the organization's."""
        if isinstance(ref, Tag):
            return ref
        wanted = ref.strip()
        if not wanted:
            raise InputError("name a version tag by name or id")
        tags = self.list().to_list()
        for tag in tags:
            if tag.version_tag_id == wanted or tag.name.lower() == wanted.lower():
                return tag
        names = [t.name for t in tags]
        raise NotFoundError(
            404,
            message=f"no version tag has the name or id {ref!r}{suggestion(wanted, names)} "
            f"(tags: {listing(names) or 'none'})",
        )

    resolve = get

    def _id(self, ref: str | Tag) -> str:
        """The tag's id: an id as given (no request), a name looked up."""
        if isinstance(ref, Tag):
            return ref.version_tag_id
        if _UUID.match(ref.strip()):
            return ref.strip()
        return self.get(ref).version_tag_id

    def create(self, name: str, *, color: str = "cyan", description: str | None = None) -> Tag:
        """A new tag (its name is unique in the organization; Admin credentials)."""
        name = name.strip()
        if not name:
            raise InputError("a version tag needs a name")
        if color not in TAG_COLORS:
            raise InputError(f"unknown tag color {color!r}: one of {', '.join(TAG_COLORS)}")
        body: dict[str, Any] = {"name": name, "color": color}
        if description is not None:
            body["description"] = description
        made = self._core.request("POST", "/v2/tags", json=body)
        return Tag.model_validate({"color": color, "description": description, **made})

    def update(self, tag: str | Tag, *, description: str) -> Tag:
        """Change a tag's description (the only field Sigma lets change)."""
        url = path("/v2/tags/{}", self._id(tag))
        return Tag.model_validate(
            self._core.request("PATCH", url, json={"description": description})
        )

    def delete(self, tag: str | Tag) -> None:
        """Delete the tag; every workbook version it marked loses it."""
        self._core.request("DELETE", path("/v2/tags/{}", self._id(tag)))

    def workbooks(
        self, tag: str | Tag, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> Paginator[Workbook]:
        """The workbooks with a version under the tag."""

        def url() -> str:
            return path("/v2/tags/{}/workbooks", self._id(tag))

        return Paginator(self._core, url, Workbook.model_validate, page_size=page_size, limit=limit)

    def tag_workbook(
        self,
        workbook_id: str,
        tag: str | Tag,
        *,
        version: int | None = None,
        is_default: bool | None = None,
    ) -> TagAssignment:
        """Put the tag on a version of the workbook (its latest without ``version``). A tag
        marks one version per workbook: tagging another version moves it there."""
        body: dict[str, Any] = {
            "workbookId": workbook_id,
            "tag": tag.name if isinstance(tag, Tag) else tag.strip(),
        }
        if not body["tag"]:
            raise InputError("name a version tag")
        if version is not None:
            body["workbookVersion"] = check_version(version)
        if is_default is not None:
            body["isDefault"] = is_default
        return TagAssignment.model_validate(
            self._core.request("POST", "/v2/workbooks/tag", json=body)
        )

    def workbook_tags(
        self, workbook_id: str, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> Paginator[VersionTag]:
        """The workbook's tagged versions: which tag marks which version."""
        url = path("/v2/workbooks/{}/tags", workbook_id)
        return Paginator(
            self._core, url, VersionTag.model_validate, page_size=page_size, limit=limit
        )

    def untag(self, workbook_id: str, tag: str | Tag) -> None:
        """Take the tag off the workbook."""
        url = path("/v2/workbooks/{}/tags/{}", workbook_id, self._id(tag))
        self._core.request("DELETE", url)

    def copy_tagged(
        self,
        workbook_id: str,
        tag: str | Tag,
        *,
        destination_folder_id: str,
        name: str,
        description: str | None = None,
    ) -> Workbook:
        """A new workbook from the version the tag marks (the tag by name or id)."""
        if not name.strip():
            raise InputError("the copy needs a name")
        ref = tag.version_tag_id if isinstance(tag, Tag) else tag.strip()
        body: dict[str, Any] = {"destinationFolderId": destination_folder_id, "name": name}
        if description is not None:
            body["description"] = description
        url = path("/v2/workbooks/{}/tag/{}/copy", workbook_id, ref)
        return Workbook.model_validate(self._core.request("POST", url, json=body))

    def version_history(
        self, workbook_id: str, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> Paginator[WorkbookVersion]:
        """The workbook's versions, newest first, each with the tags that mark it."""
        url = path("/v2/workbooks/{}/version-history", workbook_id)
        return Paginator(
            self._core, url, WorkbookVersion.model_validate, page_size=page_size, limit=limit
        )

    def restore_version(self, workbook_id: str, version: int) -> Workbook:
        """Publish a new version with the contents of ``version`` (no version is lost)."""
        body = {"version": check_version(version)}
        url = path("/v2/workbooks/{}/restoreVersion", workbook_id)
        return Workbook.model_validate(self._core.request("POST", url, json=body))

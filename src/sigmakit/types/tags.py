"""The models and pure helpers of ``sigmakit.resources.tags`` (shared by the sync and the async
resource)."""

from __future__ import annotations

import re

from sigmakit._errors import InputError
from sigmakit._models import SigmaModel, Timestamp

__all__ = ["TAG_COLORS", "Tag", "TagAssignment", "VersionMark", "WorkbookVersion", "check_version"]


#: the colors Sigma gives a tag
TAG_COLORS = ("cyan", "grass", "violet", "plum", "amber", "bronze")


_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE)


class Tag(SigmaModel):
    version_tag_id: str
    name: str
    color: str | None = None
    description: str | None = None
    owner_id: str | None = None
    created_by: str | None = None
    updated_by: str | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None
    is_archived: bool = False


class TagAssignment(SigmaModel):
    """What tagging a workbook version answers."""

    version_tag_id: str
    tagged_workbook_id: str
    tagged_workbook_version: int


class VersionMark(SigmaModel):
    """A tag on one version in a workbook's history."""

    version_tag_id: str
    tagged_at: Timestamp | None = None
    tagged_by: str | None = None


class WorkbookVersion(SigmaModel):
    version: int
    published_at: Timestamp
    published_by: str
    tags: list[VersionMark] = []


def check_version(version: object) -> int:
    """A workbook version as the API takes it: a whole number from 1; an :class:`InputError`
    (before anything is sent) otherwise."""
    if isinstance(version, str):
        text = version.strip()
        if not text.isdigit():
            raise InputError(f"a workbook version is a whole number from 1, not {version!r}")
        version = int(text)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise InputError(f"a workbook version is a whole number from 1, not {version!r}")
    return version

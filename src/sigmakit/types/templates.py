"""The models and pure helpers of ``sigmakit.resources.templates`` (shared by the sync and the async
resource)."""

from __future__ import annotations

import re
from typing import Any, Literal

from sigmakit._models import SigmaModel, Timestamp

__all__ = ["Template", "TemplateSource", "TemplateTag"]


#: ``internal``: made in this organization; ``external``: shared with it by another
TemplateSource = Literal["internal", "external"]


_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


class TemplateTag(SigmaModel):
    version_tag_id: str
    name: str


class Template(SigmaModel):
    template_id: str
    template_url_id: str
    name: str
    url: str
    path: str
    latest_version: int
    created_by: str
    updated_by: str
    created_at: Timestamp
    updated_at: Timestamp
    is_archived: bool = False
    tags: list[TemplateTag] = []


def _template(raw: Any) -> Template:
    return Template.model_validate(raw)

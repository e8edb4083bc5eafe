"""``POST /v2/dataModels/tag``: put a version tag on a version of a data model (its latest
without ``dataModelVersion``). A tag marks one version per data model: tagging another
version moves it. The tags are the data model store's rows; this store checks the request
and asks it. The tagged version's id is derived from the model and the tag, so tagging
again answers the same id (what Sigma does is not documented: see GUESSES.md).
"""

from __future__ import annotations

import math
import uuid
from typing import Any

from ..errors import BadRequest
from .connections import ConnectionStore
from .data_models import DataModelStore
from .tags import TagStore

__all__ = ["DataModelTagStore"]

_TAGGED = uuid.UUID("8d7c0f0e-3b1a-4c55-9f39-5b1f2d6a7e10")


class DataModelTagStore:
    def __init__(
        self, data_models: DataModelStore, tags: TagStore, connections: ConnectionStore
    ) -> None:
        self.data_models = data_models
        self.tags = tags
        self.connections = connections

    @staticmethod
    def _version(value: object, latest: int) -> int:
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or value != int(value)
            or not 1 <= int(value) <= latest
        ):
            raise BadRequest(
                f"Invalid data model version: {value!r} (this model has versions 1 to {latest})"
            )
        return int(value)

    def tag(self, body: dict[str, Any], caller: str) -> dict[str, Any]:
        model = self.data_models.row(str(body.get("dataModelId") or ""), caller, need="edit")
        tag = self.tags.require(str(body.get("tag") or ""))
        latest = int(model["latest_version"])
        wanted = body.get("dataModelVersion")
        version = latest if wanted is None else self._version(wanted, latest)
        for mapping in body.get("sourceMappingConfig") or []:
            self.connections.live(str(mapping.get("fromConnectionId")))
            self.connections.live(str(mapping.get("toConnectionId")))
        for source in body.get("dataModelSourceTaggedVersions") or []:
            self.data_models.row(str(source.get("dataModelId") or ""), caller)
            for key in ("fromVersionTagId", "toVersionTagId"):
                if source.get(key) is not None:
                    self.tags.require(str(source[key]))
        self.data_models.put_tag(model["id"], tag["tag_id"], tag["name"], version)
        return {
            "versionTagId": tag["tag_id"],
            "taggedDataModelId": str(uuid.uuid5(_TAGGED, f"{model['id']}/{tag['tag_id']}")),
            "taggedDataModelVersion": version,
        }

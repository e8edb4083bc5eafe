"""``/v2/dataModels/{dataModelId}/spec`` and ``/v2/dataModels/spec``: a data model's code
representation, read and written as JSON or YAML."""

from __future__ import annotations

import json
from typing import Any

import yaml
from fastapi import APIRouter, Request, Response

from ..errors import BadRequest
from ..store.data_model_specs import DataModelSpecStore
from .deps import Caller, State, ok

router = APIRouter()

_YAML = "application/yaml"


def _store(state: State) -> DataModelSpecStore:
    return state.store.get(DataModelSpecStore)


def wants_yaml(request: Request, format: str | None) -> bool:
    if format is not None:
        if format not in ("json", "yaml"):
            raise BadRequest("format must be json or yaml")
        return format == "yaml"
    accept = request.headers.get("accept", "")
    return "yaml" in accept and "json" not in accept


class _NoAnchors(yaml.SafeDumper):
    """YAML that repeats a value met twice instead of writing an anchor and an alias: the
    spec routes refuse aliases on the way in, so they never send one out."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def answer_document(document: dict[str, Any], as_yaml: bool, status: int = 200) -> Response:
    if as_yaml:
        text = yaml.dump(document, Dumper=_NoAnchors, sort_keys=False, allow_unicode=True)
        return Response(text, status_code=status, media_type=_YAML)
    return ok(document, status)


class NoAliases(yaml.SafeLoader):
    """YAML without aliases: a few lines of them can stand for billions of nodes."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise BadRequest("YAML aliases are not accepted")
        return super().compose_node(parent, index)


async def read_document(request: Request) -> Any:
    raw = await request.body()
    kind = request.headers.get("content-type", "")
    try:
        if "yaml" in kind:
            return yaml.load(raw.decode("utf-8"), Loader=NoAliases)
        return json.loads(raw)
    except (ValueError, yaml.YAMLError, RecursionError):
        what = "YAML" if "yaml" in kind else "JSON"
        raise BadRequest(f"The body is not valid {what}") from None


@router.get("/v2/dataModels/{dataModelId}/spec")
async def get_data_model_spec(
    request: Request,
    state: State,
    caller: Caller,
    dataModelId: str,
    format: str | None = None,
    documentVersion: int | None = None,
) -> Response:
    as_yaml = wants_yaml(request, format)
    return answer_document(_store(state).get(dataModelId, caller, documentVersion), as_yaml)


@router.put("/v2/dataModels/{dataModelId}/spec")
async def update_data_model_spec(
    request: Request, state: State, caller: Caller, dataModelId: str, format: str | None = None
) -> Response:
    body = await read_document(request)
    as_yaml = wants_yaml(request, format)
    return answer_document(_store(state).update(dataModelId, body, caller), as_yaml)


@router.post("/v2/dataModels/spec")
async def create_data_model_spec(
    request: Request, state: State, caller: Caller, format: str | None = None
) -> Response:
    body = await read_document(request)
    as_yaml = wants_yaml(request, format)
    return answer_document(_store(state).create(body, caller), as_yaml)

"""``POST /v2/connections/{connectionId}/dbtArtifacts``: a dbt run's artifacts (a tar.gz in
the multipart field ``artifacts``) added to a connection (see :mod:`..store.dbt_artifacts`),
and the control plane's view of what was read of them."""

from __future__ import annotations

from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import HTTP

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from ..errors import BadRequest, NotFound
from ..store.dbt_artifacts import MAX_ARTIFACTS_BYTES, DbtArtifactStore
from .deps import Caller, State, ok

router = APIRouter()


def _artifacts(content_type: str, body: bytes) -> tuple[str, bytes]:
    """The ``artifacts`` part of a multipart/form-data body: its filename and bytes."""
    if not content_type.lower().startswith("multipart/form-data"):
        raise BadRequest("Send the artifacts as multipart/form-data, in the field 'artifacts'")
    head = f"Content-Type: {content_type}\r\n\r\n".encode("latin-1", "replace")
    message = BytesParser(policy=HTTP).parsebytes(head + body)
    if isinstance(message, EmailMessage) and message.is_multipart():
        for part in message.iter_parts():
            if part.get_param("name", header="content-disposition") == "artifacts":
                content = part.get_payload(decode=True)
                if isinstance(content, bytes) and content:
                    return part.get_filename() or "artifacts.tar.gz", content
    raise BadRequest("artifacts is required: a tar.gz file of a dbt run's target folder")


@router.post("/v2/connections/{connectionId}/dbtArtifacts")
async def post_connection_dbt_artifacts(
    state: State, caller: Caller, connectionId: str, request: Request
) -> JSONResponse:
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_ARTIFACTS_BYTES + 64 * 1024:
        raise BadRequest(f"artifacts may be at most {MAX_ARTIFACTS_BYTES // 2**20} MB")
    body = await request.body()
    filename, content = _artifacts(request.headers.get("content-type", ""), body)
    store = state.store.get(DbtArtifactStore)
    return ok(await run_in_threadpool(store.add, connectionId, filename, content, caller), 201)


@router.get("/__emulator/connections/{connectionId}/dbt-artifacts")
def control_dbt_artifacts(state: State, connectionId: str) -> JSONResponse:
    """What the emulator read of the connection's latest dbt artifacts."""
    got = state.store.get(DbtArtifactStore).latest(connectionId)
    if got is None:
        raise NotFound(f"Connection {connectionId} has no dbt artifacts")
    return ok(got)

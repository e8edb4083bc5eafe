"""Conveniences over the endpoint wrappers for Sigma's long jobs: wait for a
materialization, download an export when it is ready, export straight to a file, and
check an export's target against the workbook before asking Sigma.

Every wait is one :func:`poll` loop: a closed set of terminal states, an overall
timeout, a first interval that grows gently up to a cap, and ``sleep``/``clock``
functions that tests replace so that nothing waits for real.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar, runtime_checkable

from ._errors import InputError, JobFailedError, JobTimeoutError
from .resources.workbooks import ExportFormat, Materialization, PdfLayout, QueryDownload

if TYPE_CHECKING:
    from ._client import Sigma

__all__ = [
    "DEFAULT_POLL_INTERVAL",
    "DEFAULT_TIMEOUT",
    "MATERIALIZATION_FAILED",
    "MATERIALIZATION_READY",
    "DownloadResult",
    "Progress",
    "check_export_target",
    "download_export",
    "export_to_file",
    "poll",
    "wait_for_materialization",
]

T = TypeVar("T")

#: Overall time a wait may take, in seconds.
DEFAULT_TIMEOUT = 600.0
#: First pause between two polls; each later pause is BACKOFF times longer, up to MAX_POLL_INTERVAL.
DEFAULT_POLL_INTERVAL = 1.0
BACKOFF = 1.5
MAX_POLL_INTERVAL = 10.0

#: Terminal materialization states. Any other status (pending, building...) means "not yet".
MATERIALIZATION_READY = frozenset({"ready"})
MATERIALIZATION_FAILED = frozenset({"failed", "expired", "cancelled", "canceled"})
#: How many valid choices an :class:`InputError` names before it says "and N more".
MAX_CHOICES_SHOWN = 20

Sleep = Callable[[float], None]
Clock = Callable[[], float]


@runtime_checkable
class BinaryStream(Protocol):
    """Where an export may be written instead of a file: ``sys.stdout.buffer``, a
    ``BytesIO``..."""

    def write(self, data: bytes, /) -> int: ...

    def flush(self) -> None: ...


@dataclass(frozen=True)
class Progress:
    """Handed to a progress callback after each poll."""

    job: str
    job_id: str
    status: str
    elapsed: float
    polls: int


@dataclass(frozen=True)
class DownloadResult:
    #: where the file was saved; ``-`` when it was written to a stream
    path: Path
    size: int
    query_id: str
    content_type: str | None = None


def poll(
    check: Callable[[], tuple[str, T | None]],
    *,
    job: str,
    job_id: str,
    timeout: float = DEFAULT_TIMEOUT,
    poll_interval: float = DEFAULT_POLL_INTERVAL,
    max_interval: float = MAX_POLL_INTERVAL,
    sleep: Sleep = time.sleep,
    clock: Clock = time.monotonic,
    on_progress: Callable[[Progress], None] | None = None,
) -> T:
    """Call ``check`` until it returns a result; it answers ``(status, result or None)``.

    ``check`` raises to end the wait with an error. Raises :class:`JobTimeoutError`
    when ``timeout`` seconds (by ``clock``) pass without a result.
    """
    if timeout <= 0 or poll_interval <= 0:
        raise InputError("timeout and poll_interval must be positive")
    started = clock()
    pause = poll_interval
    polls = 0
    while True:
        status, result = check()
        polls += 1
        elapsed = clock() - started
        if on_progress is not None:
            on_progress(Progress(job, job_id, status, elapsed, polls))
        if result is not None:
            return result
        remaining = timeout - elapsed
        if remaining <= 0:
            raise JobTimeoutError(
                f"{job} {job_id} was still {status} after {elapsed:.0f} s (timeout {timeout:g} s)"
            )
        sleep(min(pause, remaining))
        pause = min(pause * BACKOFF, max(max_interval, poll_interval))


def wait_for_materialization(
    sigma: Sigma,
    workbook_id: str,
    materialization_id: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    poll_interval: float = DEFAULT_POLL_INTERVAL,
    sleep: Sleep = time.sleep,
    clock: Clock = time.monotonic,
    on_progress: Callable[[Progress], None] | None = None,
) -> Materialization:
    """Poll a materialization until it is ready. Raises :class:`JobFailedError` if it
    fails or expires, :class:`JobTimeoutError` past ``timeout`` seconds."""

    def check() -> tuple[str, Materialization | None]:
        job = sigma.workbooks.materialization(workbook_id, materialization_id)
        status = job.status.lower()
        if status in MATERIALIZATION_FAILED:
            reason = f": {job.error}" if job.error else ""
            raise JobFailedError(f"materialization {materialization_id} {status}{reason}")
        return job.status, job if status in MATERIALIZATION_READY else None

    return poll(
        check,
        job="materialization",
        job_id=materialization_id,
        timeout=timeout,
        poll_interval=poll_interval,
        sleep=sleep,
        clock=clock,
        on_progress=on_progress,
    )


def download_export(
    sigma: Sigma,
    query_id: str,
    dest_path: str | os.PathLike[str] | BinaryStream,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    poll_interval: float = DEFAULT_POLL_INTERVAL,
    sleep: Sleep = time.sleep,
    clock: Clock = time.monotonic,
    on_progress: Callable[[Progress], None] | None = None,
) -> DownloadResult:
    """Wait for an export's file (204 = not ready) and save it at ``dest_path``, or write
    it to a binary stream (``sys.stdout.buffer``: the result's path is then ``-``).

    The body goes to a hidden temporary file beside the destination, renamed into place
    only once complete: a failed download leaves neither a partial file nor a temporary
    one, and an existing file at ``dest_path`` is replaced only by a complete one. A
    stream gets the bytes as they arrive.
    """
    stream = dest_path if isinstance(dest_path, BinaryStream) else None
    dest = Path("-") if stream is not None else Path(dest_path)  # type: ignore[arg-type]
    if stream is None:
        if dest.is_dir():
            raise InputError(f"{dest} is a folder; give a file path to save the export to")
        if not dest.parent.is_dir():
            raise InputError(f"cannot save to {dest}: the folder {dest.parent} does not exist")

    def check() -> tuple[str, DownloadResult | None]:
        with sigma.workbooks.download(query_id) as download:
            if not download.ready:
                return "not ready", None
            if stream is not None:
                size = 0
                for chunk in download.iter_bytes():
                    stream.write(chunk)
                    size += len(chunk)
                stream.flush()
            else:
                size = _save_atomically(download, dest)
            return "downloaded", DownloadResult(dest, size, query_id, download.content_type)

    return poll(
        check,
        job="export",
        job_id=query_id,
        timeout=timeout,
        poll_interval=poll_interval,
        sleep=sleep,
        clock=clock,
        on_progress=on_progress,
    )


def _save_atomically(download: QueryDownload, dest: Path) -> int:
    part = dest.with_name(f".{dest.name}.{secrets.token_hex(4)}.part")
    size = 0
    try:
        with part.open("xb") as out:
            for chunk in download.iter_bytes():
                out.write(chunk)
                size += len(chunk)
            out.flush()
            os.fsync(out.fileno())
        os.replace(part, dest)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            part.unlink()
        raise
    return size


def export_to_file(
    sigma: Sigma,
    workbook_id: str,
    dest_path: str | os.PathLike[str],
    *,
    element_id: str | None = None,
    page_id: str | None = None,
    format: ExportFormat = "csv",
    parameters: Mapping[str, str] | None = None,
    row_limit: int | None = None,
    offset: int | None = None,
    layout: PdfLayout | None = None,
    pixel_width: int | None = None,
    pixel_height: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    poll_interval: float = DEFAULT_POLL_INTERVAL,
    sleep: Sleep = time.sleep,
    clock: Clock = time.monotonic,
    on_progress: Callable[[Progress], None] | None = None,
) -> DownloadResult:
    """Export an element, a page or the whole workbook and save the file at ``dest_path``."""
    dest = Path(dest_path)
    if not dest.parent.is_dir():
        raise InputError(f"cannot save to {dest}: the folder {dest.parent} does not exist")
    query_id = sigma.workbooks.export(
        workbook_id,
        element_id=element_id,
        page_id=page_id,
        format=format,
        parameters=parameters,
        row_limit=row_limit,
        offset=offset,
        layout=layout,
        pixel_width=pixel_width,
        pixel_height=pixel_height,
    )
    return download_export(
        sigma,
        query_id,
        dest,
        timeout=timeout,
        poll_interval=poll_interval,
        sleep=sleep,
        clock=clock,
        on_progress=on_progress,
    )


def check_export_target(
    sigma: Sigma,
    workbook_id: str,
    *,
    element_id: str | None = None,
    page_id: str | None = None,
    control_ids: Iterable[str] = (),
) -> None:
    """Refuse, with an :class:`InputError` naming the valid choices, an element, page or
    control that the workbook does not have. Costs a few list calls; sends no export."""
    wanted_controls = list(control_ids)
    if page_id is not None or element_id is not None:
        pages = list(sigma.workbooks.pages(workbook_id))
        if page_id is not None:
            _require(page_id, {p.page_id: p.name for p in pages}, "page", workbook_id)
        if element_id is not None:
            elements = {
                e.element_id: e.name
                for p in pages
                for e in sigma.workbooks.elements(workbook_id, p.page_id)
            }
            _require(element_id, elements, "element", workbook_id)
    if wanted_controls:
        controls = {
            c.key: (c.name if c.name != c.key else None)
            for c in sigma.workbooks.controls(workbook_id)
        }
        for control_id in wanted_controls:
            _require(control_id, controls, "control", workbook_id)


def _require(value: str, choices: Mapping[str, str | None], kind: str, workbook_id: str) -> None:
    if value in choices:
        return
    if not choices:
        raise InputError(f"workbook {workbook_id} has no {kind}s; {value!r} cannot be exported")
    raise InputError(
        f"workbook {workbook_id} has no {kind} {value!r}; valid {kind}s: {_listing(choices)}"
    )


def _listing(choices: Mapping[str, str | None]) -> str:
    shown = [f"{k} ({v})" if v else k for k, v in list(choices.items())[:MAX_CHOICES_SHOWN]]
    more = len(choices) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")

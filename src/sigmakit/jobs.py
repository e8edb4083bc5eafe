"""Helpers for Sigma's long jobs, over the endpoint wrappers (which make one HTTP call each): wait for a
materialization, download an export when it is ready, export straight to a file, and
check an export's target against the workbook before asking Sigma.

Every wait is one :func:`poll` loop: a closed set of terminal states, an overall
timeout, a first interval that grows gently up to a cap, and ``sleep``/``clock``
functions that tests replace so that nothing waits for real.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import (
    TYPE_CHECKING,
    Any,
    Protocol,
    TypedDict,
    TypeVar,
    Unpack,
    cast,
    runtime_checkable,
)

from ._errors import BadRequestError, InputError, JobFailedError, JobTimeoutError
from ._exports import ExportContentOptions, ExportOptions, ExportRequest, export_request
from ._files import destination, write_file
from ._settings import DEFAULT_JOB_TIMEOUT
from ._suggest import suggestion
from .resources.workbooks import Materialization

if TYPE_CHECKING:
    from ._client import Sigma

__all__ = [
    "DEFAULT_JOB_TIMEOUT",
    "DEFAULT_POLL_INTERVAL",
    "MATERIALIZATION_FAILED",
    "MATERIALIZATION_READY",
    "DownloadResult",
    "PollOptions",
    "Progress",
    "check_destination",
    "check_export_target",
    "download_export",
    "export_to_file",
    "find_page_and_element",
    "pick",
    "poll",
    "wait_for_materialization",
]

T = TypeVar("T")

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
class PollOptions:
    """How a long job is waited for: the one spelling of the polling options of
    :func:`wait_for_materialization`, :func:`download_export` and :func:`export_to_file`
    (each also takes them as keywords). ``timeout``: seconds before
    :class:`JobTimeoutError`; ``poll_interval``: the first pause between two polls (each
    later one longer); ``sleep`` and ``clock`` stand in for :func:`time.sleep` and
    :func:`time.monotonic`; ``on_progress`` is called after each poll."""

    timeout: float = DEFAULT_JOB_TIMEOUT
    poll_interval: float = DEFAULT_POLL_INTERVAL
    sleep: Sleep = time.sleep
    clock: Clock = time.monotonic
    on_progress: Callable[[Progress], None] | None = None


class PollKeywords(TypedDict, total=False):
    """:class:`PollOptions`'s fields as keyword arguments (the tests check they agree)."""

    timeout: float
    poll_interval: float
    sleep: Sleep
    clock: Clock
    on_progress: Callable[[Progress], None] | None


class ExportToFileKeywords(ExportContentOptions, PollKeywords, total=False):
    """:func:`export_to_file`'s keywords: the export's and the polling's."""


def poll_options(polling: PollOptions | None, options: Mapping[str, Any]) -> PollOptions:
    """``polling`` (default: :class:`PollOptions`'s defaults) with keyword ``options`` over it."""
    base = polling if polling is not None else PollOptions()
    known = {f.name for f in fields(PollOptions)}
    unknown = set(options) - known
    if unknown:  # as Python says it of a keyword a function lacks
        raise TypeError(f"unexpected keyword argument {', '.join(sorted(unknown))}")
    return replace(base, **options)


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
    max_interval: float = MAX_POLL_INTERVAL,
    polling: PollOptions | None = None,
    **options: Unpack[PollKeywords],
) -> T:
    """Call ``check`` until it returns a result; it answers ``(status, result or None)``.

    ``check`` raises to end the wait with an error. Raises :class:`JobTimeoutError`
    when ``timeout`` seconds (by ``clock``) pass without a result.
    """
    how = poll_options(polling, options)
    timeout, poll_interval, clock = how.timeout, how.poll_interval, how.clock
    sleep, on_progress = how.sleep, how.on_progress
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
    polling: PollOptions | None = None,
    **options: Unpack[PollKeywords],
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
        polling=poll_options(polling, options),
    )


def download_export(
    sigma: Sigma,
    query_id: str,
    dest_path: str | os.PathLike[str] | BinaryStream,
    *,
    overwrite: bool = False,
    polling: PollOptions | None = None,
    **options: Unpack[PollKeywords],
) -> DownloadResult:
    """Wait for an export's file (204 = not ready) and save it at ``dest_path``, or write
    it to a binary stream (``sys.stdout.buffer``: the result's path is then ``-``).
    Raises :class:`JobFailedError` if the export failed (its download answers 400 with
    the reason), :class:`JobTimeoutError` past ``timeout`` seconds.

    The body goes to a hidden temporary file beside the destination, renamed into place
    only once complete: a failed download leaves neither a partial file nor a temporary
    one. An existing file at ``dest_path`` is an :class:`InputError` (before waiting),
    unless ``overwrite``: then it is replaced only by a complete one. A symlink is
    followed; a FIFO or a device (``/dev/null``) is written straight into, as a stream
    gets the bytes as they arrive. See :mod:`sigmakit._files`.
    """
    how = poll_options(polling, options)  # a wrong keyword fails before anything is sent
    stream = dest_path if isinstance(dest_path, BinaryStream) else None
    dest = Path("-") if stream is not None else Path(dest_path)  # type: ignore[arg-type]
    if stream is None:
        check_destination(dest, overwrite=overwrite)

    def check() -> tuple[str, DownloadResult | None]:
        with contextlib.ExitStack() as stack:
            try:
                download = stack.enter_context(sigma.workbooks.download(query_id))
            except BadRequestError as exc:  # nothing to wait for: the export itself failed
                raise JobFailedError(f"export {query_id}: {exc.message}") from None
            if not download.ready:
                return "not ready", None
            if stream is not None:
                size = 0
                for chunk in download.iter_bytes():
                    stream.write(chunk)
                    size += len(chunk)
                stream.flush()
            else:
                size = write_file(dest, download.iter_bytes(), overwrite=overwrite)
            return "downloaded", DownloadResult(dest, size, query_id, download.content_type)

    return poll(check, job="export", job_id=query_id, polling=how)


def check_destination(dest_path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
    """The path an export will be saved at, refused (:class:`InputError`) if it is a
    folder, its folder does not exist, or it is an existing file and not ``overwrite``.
    Sends nothing, writes nothing."""
    destination(dest_path, overwrite=overwrite)
    return Path(dest_path)


def export_to_file(
    sigma: Sigma,
    workbook_id: str,
    dest_path: str | os.PathLike[str],
    request: ExportRequest | None = None,
    *,
    overwrite: bool = False,
    polling: PollOptions | None = None,
    **options: Unpack[ExportToFileKeywords],
) -> DownloadResult:
    """Export an element, a page or the whole workbook and save the file at ``dest_path``
    (an existing file only with ``overwrite``; see :func:`download_export`). What to export
    is an :class:`ExportRequest` or its fields as keywords; how to wait, a
    :class:`PollOptions` or its fields as keywords."""
    polled = {k: v for k, v in options.items() if k in PollKeywords.__annotations__}
    exported = {k: v for k, v in options.items() if k not in polled}
    how = poll_options(polling, polled)
    what = export_request(request, cast("ExportOptions", exported))
    dest = check_destination(dest_path, overwrite=overwrite)
    query_id = sigma.workbooks.export(workbook_id, what)
    return download_export(sigma, query_id, dest, overwrite=overwrite, polling=how)


#: (id, name or None) of a page, an element or a control
Choice = tuple[str, str | None]


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
    label = f"workbook {workbook_id}"
    find_page_and_element(
        sigma, workbook_id, label, page=page_id, element=element_id, by_name=False
    )
    wanted = list(control_ids)
    if wanted:
        choices = [(c.key, c.name) for c in sigma.workbooks.controls(workbook_id)]
        for control_id in wanted:
            pick(control_id, choices, "control", label, by_name=False)


def find_page_and_element(
    sigma: Sigma,
    workbook_id: str,
    label: str,
    *,
    page: str | None = None,
    element: str | None = None,
    by_name: bool = True,
) -> tuple[Choice | None, Choice | None]:
    """(id, name) of the page and of the element named, each by id (or, ``by_name``, by
    name), checked against the workbook (``label`` names it in a message)."""
    if not (page or element):
        return None, None
    pages = list(sigma.workbooks.pages(workbook_id))
    found_page = found_element = None
    if page:
        choices = [(p.page_id, p.name) for p in pages]
        page_id = pick(page, choices, "page", label, by_name=by_name)
        found_page = (page_id, dict(choices)[page_id])
    if element:
        elements = [
            (e.element_id, e.name)
            for p in pages
            for e in sigma.workbooks.elements(workbook_id, p.page_id)
        ]
        element_id = pick(element, elements, "element", label, by_name=by_name)
        found_element = (element_id, dict(elements)[element_id])
    return found_page, found_element


def pick(
    ref: str, choices: Sequence[Choice], kind: str, workbook: str, *, by_name: bool = True
) -> str:
    """The id of the choice whose id (or, ``by_name``, name) is ``ref``; an
    :class:`InputError` naming the valid choices when there is none, or several."""
    if any(ref == cid for cid, _ in choices):
        return ref
    named = [cid for cid, name in choices if name == ref] if by_name else []
    if len(named) == 1:
        return named[0]
    if named:
        raise InputError(
            f"{len(named)} {kind}s of {workbook} are named {ref!r}; use an id: " + ", ".join(named)
        )
    if not choices:
        raise InputError(f"{workbook} has no {kind}s, so none is {ref!r}")
    names = [name or cid for cid, name in choices]
    raise InputError(
        f"{workbook} has no {kind} {ref!r}{suggestion(ref, names, aside=True)}; "
        f"valid {kind}s: {_listing(dict(choices))}"
    )


def _listing(choices: Mapping[str, str | None]) -> str:
    shown = [
        f"{k} ({v})" if v and v != k else k for k, v in list(choices.items())[:MAX_CHOICES_SHOWN]
    ]
    more = len(choices) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")

"""Long-job helpers: the poll loop, waiting for materializations, atomic export downloads."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.support.helpers import advance_clock, all_entries, client_settings, set_faults

from sigmakit import (
    APIConnectionError,
    InputError,
    JobFailedError,
    JobTimeoutError,
    NotFoundError,
    RetryPolicy,
    Sigma,
    check_export_target,
    download_export,
    export_to_file,
    wait_for_materialization,
)
from sigmakit.emulator import EmulatorServer
from sigmakit.jobs import BACKOFF, MAX_POLL_INTERVAL, Progress, poll


class FakeTime:
    """A clock that moves only when the code under test sleeps; records each sleep."""

    def __init__(self, on_sleep: object = None) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []
        self._on_sleep = on_sleep

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        if callable(self._on_sleep):
            self._on_sleep(seconds)


# -- the poll loop ----------------------------------------------------------------------


def test_poll_backs_off_gently_up_to_a_cap() -> None:
    t = FakeTime()
    answers = iter([("building", None)] * 8 + [("ready", "done")])
    seen: list[Progress] = []
    result = poll(
        lambda: next(answers),
        job="materialization",
        job_id="m1",
        poll_interval=1.0,
        sleep=t.sleep,
        clock=t.clock,
        on_progress=seen.append,
    )
    assert result == "done"
    assert t.sleeps[0] == 1.0
    assert t.sleeps[1] == pytest.approx(BACKOFF)
    assert all(b >= a for a, b in zip(t.sleeps, t.sleeps[1:], strict=False))
    assert max(t.sleeps) == MAX_POLL_INTERVAL
    assert [p.status for p in seen] == ["building"] * 8 + ["ready"]
    assert [p.polls for p in seen] == list(range(1, 10))


def test_poll_times_out_on_its_clock_with_a_last_look_at_the_deadline() -> None:
    t = FakeTime()
    checks: list[float] = []

    def never() -> tuple[str, None]:
        checks.append(t.now)
        return "building", None

    with pytest.raises(JobTimeoutError, match=r"m1 was still building after 30 s"):
        poll(never, job="materialization", job_id="m1", timeout=30, sleep=t.sleep, clock=t.clock)
    assert sum(t.sleeps) == pytest.approx(30)
    assert checks[-1] - checks[0] == pytest.approx(30)


def test_poll_refuses_a_nonsense_timeout() -> None:
    with pytest.raises(InputError):
        poll(lambda: ("x", 1), job="j", job_id="1", timeout=0)


# -- materializations -------------------------------------------------------------------


def _scheduled_sheet(emulator: EmulatorServer, *, failing: bool = False) -> tuple[str, str]:
    """A seeded materialization schedule whose runs succeed (Sales Overview's Orders) or,
    with ``failing``, fail (Demand Planning's Store Performance), found through the API."""
    workbook, element = (
        ("Demand Planning", "Store Performance") if failing else ("Sales Overview", "Orders")
    )
    listed = all_entries(emulator, "/v2/workbooks", skipPermissionCheck="true")
    workbook_id = next(w["workbookId"] for w in listed if w["name"] == workbook)
    schedules = all_entries(emulator, f"/v2/workbooks/{workbook_id}/materialization-schedules")
    sheet_id = next(s["sheetId"] for s in schedules if s["elementName"] == element)
    return workbook_id, sheet_id


def finish_at_once(emulator: EmulatorServer) -> None:
    with emulator.control() as control:
        control.put("/jobs", json={"mode": "immediate"}).raise_for_status()


def finish_jobs(emulator: EmulatorServer) -> None:
    with emulator.control() as control:
        control.post("/jobs/finish", json={}).raise_for_status()


def _emulator_time(emulator: EmulatorServer) -> FakeTime:
    """Fake time whose sleeps move the emulator's clock, and so its jobs, on."""
    return FakeTime(on_sleep=lambda seconds: advance_clock(emulator, seconds))


def test_materialize_and_wait_ends_ready(sigma: Sigma, emulator: EmulatorServer) -> None:
    workbook_id, sheet_id = _scheduled_sheet(emulator)
    t = _emulator_time(emulator)
    seen: list[str] = []
    job_id = sigma.workbooks.materialize(workbook_id, sheet_id)
    done = wait_for_materialization(
        sigma,
        workbook_id,
        job_id,
        sleep=t.sleep,
        clock=t.clock,
        on_progress=lambda p: seen.append(p.status),
    )
    assert done.status == "ready"
    assert done.materialization_id == job_id
    assert seen[0] == "pending" and "building" in seen and seen[-1] == "ready"
    assert t.sleeps and sum(t.sleeps) < 60


def test_a_failed_materialization_raises(sigma: Sigma, emulator: EmulatorServer) -> None:
    workbook_id, sheet_id = _scheduled_sheet(emulator, failing=True)
    t = _emulator_time(emulator)
    job_id = sigma.workbooks.materialize(workbook_id, sheet_id)
    with pytest.raises(JobFailedError, match=job_id):
        wait_for_materialization(sigma, workbook_id, job_id, sleep=t.sleep, clock=t.clock)


def test_a_materialization_that_never_ends_times_out(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    workbook_id, sheet_id = _scheduled_sheet(emulator)
    t = FakeTime()  # the emulator's clock stands still: the job never moves on
    job_id = sigma.workbooks.materialize(workbook_id, sheet_id)
    with pytest.raises(JobTimeoutError):
        wait_for_materialization(
            sigma, workbook_id, job_id, timeout=45, sleep=t.sleep, clock=t.clock
        )
    assert sum(t.sleeps) == pytest.approx(45)


# -- exports and downloads --------------------------------------------------------------


def _table(sigma: Sigma) -> tuple[str, str, list[str]]:
    for wb in sigma.workbooks.list():
        for page in sigma.workbooks.pages(wb.workbook_id):
            for element in sigma.workbooks.elements(wb.workbook_id, page.page_id):
                if element.type == "table":
                    return wb.workbook_id, element.element_id, element.columns
    pytest.fail("no seeded workbook has a table")


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty folder to download into."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_export_to_file_writes_the_whole_file(
    sigma: Sigma, emulator: EmulatorServer, out: Path
) -> None:
    workbook_id, element_id, columns = _table(sigma)
    t = _emulator_time(emulator)
    dest = out / "orders.csv"
    result = export_to_file(
        sigma, workbook_id, dest, element_id=element_id, format="csv", sleep=t.sleep, clock=t.clock
    )
    assert result.path == dest
    assert result.size == dest.stat().st_size > 0
    lines = dest.read_text().splitlines()
    assert lines[0].split(",") == columns
    assert len(lines) > 1
    assert _leftovers(out) == ["orders.csv"]
    assert t.sleeps  # it did have to wait for the file


class Recorder:
    """A binary stream that keeps the size of each write."""

    def __init__(self) -> None:
        self.writes: list[int] = []
        self.data = bytearray()

    def write(self, data: bytes, /) -> int:
        self.writes.append(len(data))
        self.data += data
        return len(data)

    def flush(self) -> None:
        pass


def test_a_large_download_is_written_as_it_arrives_in_chunks(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    """Every order of Sales Overview (40,000 rows, ~4 MB): the SDK hands the body on in
    pieces of at most 64 KiB as they come, never the file in one piece."""
    listed = all_entries(emulator, "/v2/workbooks", skipPermissionCheck="true")
    workbook_id = next(w["workbookId"] for w in listed if w["name"] == "Sales Overview")
    element_id = next(
        e.element_id for e in sigma.workbooks.all_elements(workbook_id) if e.name == "Orders"
    )
    finish_at_once(emulator)
    query_id = sigma.workbooks.export(workbook_id, element_id=element_id, format="csv")
    sink = Recorder()
    result = download_export(sigma, query_id, sink, sleep=lambda _: None)
    assert result.size == len(sink.data) > 4_000_000
    assert sink.data.count(b"\r\n") == 40_001  # the header and every order
    assert len(sink.writes) > 60 and max(sink.writes) <= 64 * 1024


def test_download_waits_then_replaces_an_old_file(
    sigma: Sigma, emulator: EmulatorServer, out: Path
) -> None:
    workbook_id, element_id, _ = _table(sigma)
    dest = out / "out.csv"
    dest.write_text("old contents")
    t = _emulator_time(emulator)
    query_id = sigma.workbooks.export(workbook_id, element_id=element_id, format="csv")
    result = download_export(sigma, query_id, dest, sleep=t.sleep, clock=t.clock, overwrite=True)
    assert dest.read_bytes() != b"old contents"
    assert result.size == dest.stat().st_size
    assert _leftovers(out) == ["out.csv"]


def test_a_download_that_never_becomes_ready_times_out_and_writes_nothing(
    sigma: Sigma, emulator: EmulatorServer, out: Path
) -> None:
    """Jobs that never move on (manual mode) and a clock that moves only when the poll
    sleeps: the same on any machine, however slow. The wait ends at its timeout."""
    workbook_id, element_id, _ = _table(sigma)
    with emulator.control() as control:
        control.put("/jobs", json={"mode": "manual"}).raise_for_status()

    def no_endless_wait(_: float) -> None:
        assert sum(t.sleeps) <= 20, "the poll went on past its timeout"

    t = FakeTime(on_sleep=no_endless_wait)
    query_id = sigma.workbooks.export(workbook_id, element_id=element_id, format="csv")
    with pytest.raises(JobTimeoutError):
        download_export(sigma, query_id, out / "x.csv", timeout=20, sleep=t.sleep, clock=t.clock)
    assert sum(t.sleeps) == pytest.approx(20)
    assert _leftovers(out) == []


class _CutMidBody(httpx.SyncByteStream):
    def __init__(self, inner: httpx.SyncByteStream) -> None:
        self._inner = inner

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._inner:
            yield chunk[: max(1, len(chunk) // 2)]
            raise httpx.ReadError("connection reset by peer")

    def close(self) -> None:
        self._inner.close()


class DropDownloadsMidBody(httpx.BaseTransport):
    """The real wire to the emulator, except that file bodies are cut off halfway."""

    def __init__(self) -> None:
        self._inner = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self._inner.handle_request(request)
        if request.url.path.endswith("/download") and response.status_code == 200:
            assert isinstance(response.stream, httpx.SyncByteStream)
            return httpx.Response(
                200, headers=response.headers, stream=_CutMidBody(response.stream)
            )
        return response

    def close(self) -> None:
        self._inner.close()


def test_a_connection_dropped_mid_body_leaves_nothing_behind(
    emulator: EmulatorServer, out: Path
) -> None:
    settings = client_settings(emulator)
    with Sigma(
        settings=settings,
        transport=DropDownloadsMidBody(),
        sleep=lambda _: None,
        retry=RetryPolicy(max_retries=2),
    ) as sigma:
        workbook_id, element_id, _ = _table(sigma)
        dest = out / "kept.csv"
        dest.write_text("the previous export")
        t = _emulator_time(emulator)
        with pytest.raises(APIConnectionError, match="dropped"):
            export_to_file(
                sigma,
                workbook_id,
                dest,
                element_id=element_id,
                sleep=t.sleep,
                clock=t.clock,
                overwrite=True,
            )
    assert dest.read_text() == "the previous export"
    assert _leftovers(out) == ["kept.csv"]


def test_a_download_whose_connections_all_drop_writes_nothing(
    sigma: Sigma, emulator: EmulatorServer, out: Path
) -> None:
    workbook_id, element_id, _ = _table(sigma)
    query_id = sigma.workbooks.export(workbook_id, element_id=element_id, format="csv")
    finish_jobs(emulator)
    set_faults(emulator, drop_rate=1.0)
    with pytest.raises(APIConnectionError):
        download_export(sigma, query_id, out / "x.csv", sleep=lambda _: None)
    assert _leftovers(out) == []


def test_an_expired_or_unknown_export_is_not_found_and_writes_nothing(
    sigma: Sigma, emulator: EmulatorServer, out: Path
) -> None:
    workbook_id, element_id, _ = _table(sigma)
    query_id = sigma.workbooks.export(workbook_id, element_id=element_id, format="csv")
    finish_jobs(emulator)
    advance_clock(emulator, 2 * 3600)
    for gone in (query_id, "00000000-0000-0000-0000-000000000000"):
        with pytest.raises(NotFoundError):
            download_export(sigma, gone, out / "x.csv", sleep=lambda _: None)
    assert _leftovers(out) == []


def test_download_refuses_a_folder_that_does_not_exist(sigma: Sigma, out: Path) -> None:
    sent = sigma.requests_sent
    with pytest.raises(InputError, match="does not exist"):
        download_export(sigma, "q", out / "missing" / "x.csv")
    assert sigma.requests_sent == sent


# -- checking an export's target --------------------------------------------------------


def test_check_export_target_accepts_what_the_workbook_has(sigma: Sigma) -> None:
    workbook_id, element_id, _ = _table(sigma)
    page = sigma.workbooks.pages(workbook_id).first()
    assert page is not None
    controls = [c.key for c in sigma.workbooks.controls(workbook_id)]
    check_export_target(
        sigma, workbook_id, element_id=element_id, page_id=page.page_id, control_ids=controls
    )


@pytest.mark.parametrize("kind", ["element", "page", "control"])
def test_check_export_target_names_the_valid_choices(sigma: Sigma, kind: str) -> None:
    workbook_id, element_id, _ = _table(sigma)
    arg = {"element": "element_id", "page": "page_id", "control": "control_ids"}[kind]
    value: object = ["no-such-thing"] if kind == "control" else "no-such-thing"
    with pytest.raises(InputError) as caught:
        check_export_target(sigma, workbook_id, **{arg: value})  # type: ignore[arg-type]
    message = str(caught.value)
    assert "\n" not in message
    assert f"no {kind} 'no-such-thing'" in message or f"has no {kind}s" in message
    if kind == "element":
        assert element_id in message


def test_check_export_target_takes_ids_not_names(sigma: Sigma) -> None:
    """The SDK sends what it is given: a page's name is not its id, so it is refused
    here, where the workflow (which resolves names) would accept it."""
    workbook_id, _, _ = _table(sigma)
    page = sigma.workbooks.pages(workbook_id).first()
    assert page is not None and page.name != page.page_id
    with pytest.raises(InputError, match=f"no page {page.name!r}"):
        check_export_target(sigma, workbook_id, page_id=page.name)


def test_export_to_file_refuses_a_folder_before_starting_an_export(sigma: Sigma, out: Path) -> None:
    workbook_id, element_id, _ = _table(sigma)
    sent = sigma.requests_sent
    with pytest.raises(InputError, match="is a folder"):
        export_to_file(sigma, workbook_id, out, element_id=element_id)
    assert sigma.requests_sent == sent


def test_one_export_request_and_one_poll_options_value(
    sigma: Sigma, emulator: EmulatorServer, out: Path
) -> None:
    """The export's options and the wait's, each one value, reused across calls; keywords
    given beside a value replace its fields."""
    from sigmakit import ExportRequest, PollOptions

    workbook_id, element_id, columns = _table(sigma)
    t = _emulator_time(emulator)
    seen: list[str] = []
    what = ExportRequest(element_id=element_id, format="json")
    waiting = PollOptions(sleep=t.sleep, clock=t.clock, on_progress=lambda p: seen.append(p.job))
    first = export_to_file(sigma, workbook_id, out / "a.csv", what, format="csv", polling=waiting)
    assert (out / "a.csv").read_text().splitlines()[0].split(",") == columns
    query_id = sigma.workbooks.export(workbook_id, what)
    second = download_export(sigma, query_id, out / "b.json", polling=waiting)
    assert second.size > 0 and (out / "b.json").read_bytes() != (out / "a.csv").read_bytes()
    assert first.size > 0 and seen and set(seen) == {"export"}


def test_a_bad_export_request_or_keyword_sends_nothing(sigma: Sigma, out: Path) -> None:
    from sigmakit import ExportRequest

    workbook_id, _, _ = _table(sigma)
    sent = sigma.requests_sent
    with pytest.raises(InputError, match="whole workbook exports as pdf, xlsx"):
        sigma.workbooks.export(workbook_id, ExportRequest(format="png"))
    with pytest.raises(InputError, match="one element or one page, not both"):
        export_to_file(
            sigma, workbook_id, out / "x.pdf", ExportRequest(element_id="e", page_id="p")
        )
    with pytest.raises(TypeError, match="row_limt"):
        sigma.workbooks.export(workbook_id, row_limt=5)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="poll_intervall"):
        download_export(sigma, "q", out / "y.csv", poll_intervall=1)  # type: ignore[call-arg]
    assert sigma.requests_sent == sent and _leftovers(out) == []


def test_the_keyword_forms_name_the_values_fields() -> None:
    """The keywords are typed by a TypedDict beside each value: the two agree, field by
    field, so neither can gain an option the other lacks."""
    from dataclasses import fields

    from sigmakit import ExportRequest, PollOptions
    from sigmakit._exports import ExportOptions
    from sigmakit.jobs import PollKeywords

    assert list(ExportOptions.__annotations__) == [f.name for f in fields(ExportRequest)]
    assert list(PollKeywords.__annotations__) == [f.name for f in fields(PollOptions)]

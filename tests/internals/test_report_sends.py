"""What a report's send keeps: the emulator records sends (it delivers nothing), and only a
send whose every target is known is recorded."""

from __future__ import annotations

import httpx

from sigmakit.emulator import EmulatorServer
from sigmakit.emulator.store.report_schedules import ReportScheduleStore


def test_a_send_is_recorded_and_a_refused_one_is_not(
    api: httpx.Client, emulator_server: EmulatorServer
) -> None:
    reports = {r["name"]: r["reportId"] for r in api.get("/v2/reports").json()["entries"]}
    weekly = reports["Weekly Sales Report"]
    send = {
        "targets": [{"type": "email", "email": "cfo@example.com"}],
        "config": {"title": "Now", "messageBody": "Here it is"},
        "attachments": [{"formatOptions": {"type": "PDF"}}],
    }
    assert api.post(f"/v2/reports/{weekly}/send", json=send).status_code == 200
    nobody = {**send, "targets": [{"type": "member", "userId": "nobody"}]}
    assert api.post(f"/v2/reports/{weekly}/send", json=nobody).status_code == 404
    sent = emulator_server.state.store.get(ReportScheduleStore).sends(weekly)
    assert [s["targets"] for s in sent] == [[{"type": "email", "email": "cfo@example.com"}]]

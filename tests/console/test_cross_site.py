"""A page on another loopback port, open in the owner's browser, cannot reset the emulator:
not with a ``no-cors`` fetch, not with a form it submits itself, and not by framing the
console's Control page."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect
from tests.support.browser import WIDE

from sigmakit.emulator import EmulatorServer

ATTACK = """<!DOCTYPE html>
<html><head><title>attacker</title></head><body>
<iframe name="sink" id="sink"></iframe>
<iframe id="framed" src="{emu}/__emulator/console/control"></iframe>
<form id="plain" method="post" action="{emu}/__emulator/reset" target="sink"
      enctype="text/plain"><input name='{{"seed": 1, "x": "' value='"}}'></form>
<form id="console" method="post" action="{emu}/__emulator/console/control/reset"
      target="sink2"><input name="seed" value="1"></form>
<iframe name="sink2" id="sink2"></iframe>
<script>
  window.done = {{fetch: false, plain: false, console: false}};
  fetch("{emu}/__emulator/reset", {{method: "POST", mode: "no-cors"}})
    .finally(() => {{ window.done.fetch = true; }});
  fetch("{emu}/__emulator/jobs/finish", {{method: "POST", mode: "no-cors", body: "{{}}"}});
  document.getElementById("sink").onload = () => {{ window.done.plain = true; }};
  document.getElementById("sink2").onload = () => {{ window.done.console = true; }};
  document.getElementById("plain").submit();
  document.getElementById("console").submit();
</script>
</body></html>
"""


@pytest.fixture
def attacker(emulator: EmulatorServer) -> Iterator[str]:
    """A web server on another loopback port, serving the attack page."""
    page = ATTACK.format(emu=emulator.base_url).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, format: str, *args: Any) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_a_page_on_another_port_cannot_reset_the_emulator(
    browser: Any, emulator: EmulatorServer, api: httpx.Client, attacker: str
) -> None:
    made = api.post(
        "/v2/members",
        json={
            "email": "kept@example.com",
            "firstName": "Kept",
            "lastName": "Here",
            "memberType": "Lite",
        },
    )
    assert made.status_code == 200, made.text
    member_id = made.json()["memberId"]
    context = browser.new_context(viewport=WIDE)
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        page.goto(attacker)
        page.wait_for_function("window.done.fetch && window.done.plain && window.done.console")
        # the framed Control page is not shown: the browser refused to frame it
        framed = page.frame_locator("#framed")
        expect(framed.get_by_role("heading", name="Control")).to_have_count(0)
    finally:
        context.close()
    assert api.get(f"/v2/members/{member_id}").status_code == 200
    with emulator.control() as control:
        assert control.get("/stats").json() != {}  # a reset would have cleared the counts
    # and the emulator's own console, in the same browser, shows the member
    context = browser.new_context(viewport=WIDE)
    try:
        page = context.new_page()
        page.goto(f"{emulator.base_url}/__emulator/console/people?q=kept%40example.com")
        expect(page.get_by_text("kept@example.com").first).to_be_visible()
    finally:
        context.close()

"""``sigmakit api --refresh-spec``: Sigma's newest description fetched into the cache, and raw
calls checked against it instead of the bundled copy.

The emulator stands in for Sigma's help site: it publishes the description of what it serves
at ``/openapi/sigma-rest-api.yaml``, which is the bundled 2026-08 description plus what the
emulator serves beyond it and its 2026-10 extract (a workbook's contents, which no
description has).
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.support.helpers import run

from sigmakit import Sigma
from sigmakit._raw import bundled_catalog
from sigmakit.emulator import EmulatorServer

pytestmark = pytest.mark.usefixtures("cli_env")

#: served by the emulator, and neither in the bundled 2026-08 description nor in its 2026-10
#: extract (the data model code representation, used here before, is in the extract now)
NEWER = "/v2/workbooks/{workbookId}/contents"


def _cache(home: Path) -> Path:
    return home / ".cache" / "sigmakit" / "descriptions"


def test_an_operation_newer_than_the_bundled_description_works_after_a_refresh(
    sigma: Sigma, emulator: EmulatorServer, isolated_env: Path
) -> None:
    assert not any(op.path == NEWER for op in bundled_catalog().operations)
    workbook = next(iter(sigma.workbooks.list())).workbook_id
    contents = isolated_env / "contents.json"
    contents.write_text(json.dumps(sigma.workbooks.get_contents(workbook)))
    put = ("api", "PUT", NEWER, "-p", f"workbookId={workbook}", "--input", str(contents))
    # refused before: the error names the description's date and how to get a newer one
    code, out, err = run(*put)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "(2026-08 and its 2026-10-04 additions)" in err and "--refresh-spec" in err

    url = f"{emulator.base_url}/openapi/sigma-rest-api.yaml"
    code, out, err = run("api", "--refresh-spec", "--spec-url", url, "-o", "json")
    assert code == 0, err
    got = json.loads(out)
    body = httpx.get(url).content
    assert got["sha256"] == hashlib.sha256(body).hexdigest()
    assert got["bytes"] == len(body)
    assert got["operations"] > len(bundled_catalog().operations)
    assert got["notInBundled"] == got["operations"] - len(bundled_catalog().operations)
    kept = json.loads((_cache(Path.home()) / "sigma-rest-api.meta.json").read_text())
    assert kept["url"] == url and kept["sha256"] == got["sha256"]

    # accepted now, and answered
    code, out, err = run(*put)
    assert code == 0, err
    assert json.loads(out)["kind"] == "workbook"
    # an operation neither knows is refused naming the fetched description
    code, _, err = run("api", "/v2/nonsense")
    assert code == 2
    assert "published, fetched" in err and "--refresh-spec" not in err


def test_a_failed_refresh_keeps_the_description_the_cache_had(
    emulator: EmulatorServer, isolated_env: Path
) -> None:
    good = f"{emulator.base_url}/openapi/sigma-rest-api.json"
    code, _, err = run("api", "--refresh-spec", "--spec-url", good)
    assert code == 0, err
    folder = _cache(Path.home())
    before = {p.name: p.read_bytes() for p in folder.iterdir()}

    for url, says in (
        (f"{emulator.base_url}/openapi/none.yaml", "answered 404"),
        (f"{emulator.base_url}/v2/whoami", "answered 401"),
        ("ftp://127.0.0.1/x", "not an http:// or https:// URL"),
    ):
        code, out, err = run("api", "--refresh-spec", "--spec-url", url)
        assert code != 0 and out == "", url
        assert says in err and "Traceback" not in err, err
        assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A plain static web server on loopback, serving a folder: ``(base URL, folder)``."""
    folder = tmp_path / "site"
    folder.mkdir()
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", folder
    finally:
        server.shutdown()
        server.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("just: some\nyaml: text\n", "did not give an OpenAPI description"),
        ('{"openapi": "3.1.0", "paths": {}}', "did not give an OpenAPI description"),
        ("[1, 2", "is not JSON or YAML"),
        ("openapi: 3.1.0\npaths: {/v2/x: {get: [unclosed\n", "is not JSON or YAML"),
    ],
)
def test_what_is_not_a_description_is_refused_and_nothing_cached(
    site: tuple[str, Path], isolated_env: Path, text: str, says: str
) -> None:
    base, folder = site
    (folder / "d.yaml").write_text(text)
    code, out, err = run("api", "--refresh-spec", "--spec-url", f"{base}/d.yaml")
    assert code != 0 and out == ""
    assert says in err and len(err.strip().splitlines()) == 2, err  # the note, then the error
    assert not _cache(Path.home()).exists() or not any(_cache(Path.home()).iterdir())


def test_refresh_spec_takes_no_operation(isolated_env: Path) -> None:
    code, _, err = run("api", "--refresh-spec", "/v2/members")
    assert code == 2 and "takes no operation" in err
    code, _, err = run("api", "/v2/members", "--spec-url", "http://127.0.0.1:9/x")
    assert code == 2 and "--spec-url goes with --refresh-spec" in err

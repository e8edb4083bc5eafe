"""Start-up stays light: a command imports only what it uses, and the client builds only
what its requests need. Behaviour, not timing (benchmarks/startup.py has the figures)."""

from __future__ import annotations

import json
import ssl
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from tests.support.helpers import CLIENT_ID, CLIENT_SECRET

from sigmakit import APIConnectionError, Sigma, load_settings
from sigmakit.emulator import EmulatorServer

HEAVY = ("httpx", "httpcore", "pydantic", "rich", "fastapi", "ssl")


def modules_after(code: str) -> dict[str, Any]:
    """Run ``code`` in a new interpreter; the modules it left loaded, by name prefix."""
    script = (
        "import json, sys\n"
        f"{code}\n"
        "loaded = sorted(sys.modules)\n"
        "print(json.dumps(loaded), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stderr.strip().splitlines()[-1])
    return {"all": loaded, "heavy": sorted({m.split(".")[0] for m in loaded} & set(HEAVY))}


@pytest.mark.parametrize(
    "args", [["--help"], ["teams", "--help"], ["teams", "bulk-assign", "--help"], ["--version"]]
)
def test_help_imports_no_http_stack_models_or_rich(args: list[str]) -> None:
    code = (
        "from sigmakit.cli.main import main\n"
        "try:\n"
        f"    main({args!r})\n"
        "except SystemExit as exc:\n"
        "    assert exc.code in (0, None), exc.code\n"
    )
    assert modules_after(code)["heavy"] == []


def test_auth_check_builds_no_model_and_reads_no_api_description(
    cli_env: dict[str, str],
) -> None:
    """``sigmakit auth check`` prints the identity as it comes: the SDK's models (pydantic),
    rich, the bundled API description and the other resources are never imported."""
    code = (
        "from sigmakit.cli.main import main\n"
        "try:\n"
        "    main(['auth', 'check', '-o', 'json'])\n"
        "except SystemExit as exc:\n"
        "    assert exc.code in (0, None), exc.code\n"
    )
    loaded = modules_after(code)
    assert {"httpx", "httpcore"} <= set(loaded["heavy"])  # it did send its requests
    assert {"pydantic", "rich", "fastapi"}.isdisjoint(loaded["heavy"])
    for unused in (
        "sigmakit._models",
        "sigmakit._raw",
        "sigmakit._reference",
        "sigmakit.types.whoami",
        "sigmakit._sync.resources.members",
    ):
        assert unused not in loaded["all"], unused


def test_the_console_script_runs_auth_check_without_click(cli_env: dict[str, str]) -> None:
    """``sigmakit auth check`` as the console script runs it (``cli/fast.py``): click, its
    command tree and its output helpers are never imported, nor pydantic or rich."""
    code = "from sigmakit.cli.entry import main\nmain(['auth', 'check', '-o', 'json'])\n"
    loaded = modules_after(code)
    assert {"httpx", "httpcore"} <= set(loaded["heavy"])
    assert {"pydantic", "rich", "fastapi"}.isdisjoint(loaded["heavy"])
    for unused in (
        "click",
        "sigmakit.cli.main",
        "sigmakit.cli.context",
        "sigmakit.cli.auth",
        "sigmakit._models",
        "sigmakit._raw",
        "sigmakit._sync.resources.members",
    ):
        assert unused not in loaded["all"], unused


def test_bulk_assign_builds_no_model(cli_env: dict[str, str], tmp_path: Path) -> None:
    """``sigmakit teams bulk-assign`` works on the API's entries: pydantic, the resources'
    models and rich (its report goes to a pipe) are never imported; nor by reading a file
    of emails."""
    emails = tmp_path / "emails.txt"
    emails.write_text("admin@northwind.example\n")
    code = (
        "from sigmakit.cli.entry import main\n"
        "try:\n"
        f"    main(['teams', 'bulk-assign', 'Sales', '--emails', {str(emails)!r}])\n"
        "except SystemExit as exc:\n"
        "    assert exc.code in (0, None), exc.code\n"
    )
    loaded = modules_after(code)
    assert {"httpx", "httpcore"} <= set(loaded["heavy"])
    assert {"pydantic", "rich", "fastapi"}.isdisjoint(loaded["heavy"])
    for unused in (
        "click",  # a plain line of it runs without click (cli/fast.py)
        "sigmakit._models",
        "sigmakit._raw",
        "sigmakit.workflows.inputs",
        "sigmakit._sync.resources.members",
        "sigmakit._sync.resources.teams",
    ):
        assert unused not in loaded["all"], unused
    reading = modules_after(
        f"from sigmakit.workflows.emails import read_emails\nread_emails({str(emails)!r})\n"
    )
    assert reading["heavy"] == []


def test_the_identity_model_is_the_same_from_either_module(sigma: Sigma) -> None:
    from sigmakit.resources import Identity
    from sigmakit.resources.whoami import Identity as FromWhoami

    me = sigma.whoami()
    assert type(me) is Identity is FromWhoami
    assert me.name and me.email and me.to_dict()["userId"] == me.user_id


def test_a_client_imports_only_the_resources_it_uses() -> None:
    code = (
        "from sigmakit import Sigma\n"
        "sigma = Sigma(base_url='http://127.0.0.1:9', client_id='i', client_secret='s')\n"
        "sigma.members\n"
    )
    loaded = modules_after(code)["all"]
    assert "sigmakit._sync.resources.members" in loaded
    for unused in ("workbooks", "connections", "files", "workspaces", "teams"):
        assert f"sigmakit._sync.resources.{unused}" not in loaded
    assert "rich" not in loaded and "httpx._main" not in loaded  # httpx without its CLI


@pytest.fixture
def contexts(monkeypatch: pytest.MonkeyPatch) -> list[ssl.SSLContext]:
    """Every verifying SSL context made (httpx makes them with ssl.create_default_context)."""
    made: list[ssl.SSLContext] = []
    real = ssl.create_default_context

    def recording(*args: Any, **kwargs: Any) -> ssl.SSLContext:
        made.append(real(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(ssl, "create_default_context", recording)
    return made


def test_no_ssl_context_for_an_http_base_url(
    emulator: EmulatorServer, contexts: list[ssl.SSLContext]
) -> None:
    settings = load_settings(
        base_url=emulator.base_url, client_id=CLIENT_ID, client_secret=CLIENT_SECRET, env={}
    )
    with Sigma(settings=settings) as sigma:
        assert sigma.whoami().user_id
    assert emulator.base_url.startswith("http://")
    assert contexts == []


@pytest.fixture
def any_contexts(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every SSL context made, verifying or not."""
    made: list[object] = []

    class Recording(ssl.SSLContext):
        def __new__(cls, *args: Any, **kwargs: Any) -> Recording:
            made.append(args)
            return super().__new__(cls, *args, **kwargs)

    monkeypatch.setattr(ssl, "SSLContext", Recording)
    return made


def test_no_tls_context_of_any_kind_for_an_http_base_url(
    emulator: EmulatorServer, any_contexts: list[object]
) -> None:
    """Not even an unverified one: the process's first SSL context is its costly one."""
    settings = load_settings(
        base_url=emulator.base_url, client_id=CLIENT_ID, client_secret=CLIENT_SECRET, env={}
    )
    with Sigma(settings=settings) as sigma:
        assert sigma.whoami().user_id
        assert sigma.teams.list().first() is not None  # several requests, one pool
    assert any_contexts == []  # (https:// keeps httpx's verifying context: the test below)


def test_https_keeps_full_certificate_verification(contexts: list[ssl.SSLContext]) -> None:
    # nothing listens on port 9 of loopback: the connection fails after TLS is set up
    with Sigma(
        base_url="https://127.0.0.1:9", client_id="i", client_secret="s", max_retries=0
    ) as sigma:
        assert contexts == []  # built when the first https:// request goes out
        with pytest.raises(APIConnectionError):
            sigma.teams.get("t")
    assert len(contexts) == 1
    assert contexts[0].verify_mode is ssl.CERT_REQUIRED and contexts[0].check_hostname


def test_the_sync_sdk_and_the_cli_never_import_the_async_client(
    cli_env: dict[str, str],
) -> None:
    """``Sigma`` and ``AsyncSigma`` share one source, not one import: the sync path loads
    neither asyncio nor any module of ``sigmakit._async``."""
    auth_check = (
        "from sigmakit.cli.main import main\n"
        "try:\n"
        "    main(['auth', 'check', '-o', 'json'])\n"
        "except SystemExit as exc:\n"
        "    assert exc.code in (0, None), exc.code\n"
    )
    sdk = (
        "from sigmakit import Sigma\n"
        "with Sigma() as sigma:\n"
        "    assert sigma.teams.list().first() is not None\n"
    )
    for code in (auth_check, sdk):
        loaded = modules_after(code)["all"]
        assert "asyncio" not in loaded
        assert not [m for m in loaded if m.startswith("sigmakit._async")]


def test_the_async_client_imports_only_the_resources_it_uses() -> None:
    code = (
        "from sigmakit import AsyncSigma\n"
        "sigma = AsyncSigma(base_url='http://127.0.0.1:9', client_id='i', client_secret='s')\n"
        "sigma.members\n"
    )
    loaded = modules_after(code)["all"]
    assert "sigmakit._async.resources.members" in loaded
    for unused in ("workbooks", "connections", "files", "workspaces", "teams"):
        assert f"sigmakit._async.resources.{unused}" not in loaded
        assert f"sigmakit._sync.resources.{unused}" not in loaded
    assert "sigmakit._sync._client" not in loaded  # nor the sync client


def test_the_async_client_builds_no_ssl_context_for_an_http_base_url(
    emulator: EmulatorServer, any_contexts: list[object]
) -> None:
    """Not even an unverified one, as the sync client (above)."""
    import asyncio

    from sigmakit import AsyncSigma

    settings = load_settings(
        base_url=emulator.base_url, client_id=CLIENT_ID, client_secret=CLIENT_SECRET, env={}
    )

    async def who() -> str:
        async with AsyncSigma(settings=settings) as sigma:
            return (await sigma.whoami()).user_id

    assert asyncio.run(who())
    assert any_contexts == []

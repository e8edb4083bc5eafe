"""One source for both clients: the sync modules are what ``scripts/unasync.py`` makes of the
async ones (so they cannot drift), and ``Sigma`` and ``AsyncSigma`` offer the same resources
with the same methods and signatures."""

from __future__ import annotations

import importlib.util
import inspect
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from sigmakit import AsyncPaginator, AsyncSigma, Paginator, Sigma

ROOT = Path(__file__).resolve().parents[2]


def _unasync() -> ModuleType:
    spec = importlib.util.spec_from_file_location("unasync", ROOT / "scripts" / "unasync.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


unasync = _unasync()


def test_the_generated_sync_modules_are_current() -> None:
    assert unasync.main(["--check"]) == 0


def test_a_stale_generated_module_is_found_and_rewritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = ROOT / "src" / "sigmakit" / "_async" / "resources" / "teams.py"
    target = tmp_path / "teams.py"
    target.write_text("# edited by hand\n")
    monkeypatch.setattr(unasync, "targets", lambda: {source: target})
    assert unasync.main(["--check"]) == 1
    assert "stale" in capsys.readouterr().err
    assert target.read_text() == "# edited by hand\n"  # --check writes nothing
    assert unasync.main([]) == 0
    assert (
        target.read_text()
        == (ROOT / "src" / "sigmakit" / "_sync" / "resources" / "teams.py").read_text()
    )
    assert unasync.main(["--check"]) == 0


def test_generated_code_lives_only_in_the_sync_mirror() -> None:
    """httpcore's layout: ``_sync/`` holds exactly what unasync writes, and the package root
    and ``resources/`` only hand-written code (thin re-exports at the public paths)."""
    package = ROOT / "src" / "sigmakit"
    generated = {
        p.relative_to(package).as_posix()
        for p in package.rglob("*.py")
        if p.read_text(encoding="utf-8").startswith("# generated from src/sigmakit/_async/")
    }
    mirror = {p.relative_to(package).as_posix() for p in (package / "_sync").rglob("*.py")}
    assert mirror and generated == mirror
    assert (package / "_sync" / "resources" / "teams.py").exists()


def test_the_public_paths_are_the_generated_classes() -> None:
    from sigmakit._sync._client import Sigma as Generated
    from sigmakit._sync.resources.workbooks import Workbooks as GeneratedWorkbooks
    from sigmakit.resources.workbooks import Workbooks

    assert Sigma is Generated
    assert Workbooks is GeneratedWorkbooks


def test_a_rule_that_matches_nothing_is_reported(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert unasync.dead_rules() == []
    monkeypatch.setattr(
        unasync, "RULES", [*unasync.RULES, (unasync.re.compile(r"\bnever_x\b"), "y")]
    )
    assert unasync.dead_rules() == [r"\bnever_x\b"]
    assert unasync.main(["--check"]) == 1
    assert "dead rule" in capsys.readouterr().err


def test_a_new_async_resource_is_mirrored_and_a_removed_one_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What another resource needs: its async module under ``_async/resources/``, then
    ``make generate`` writes its twin in ``_sync/resources/``; deleting the source deletes it."""
    package = tmp_path / "src" / "sigmakit"
    source = package / "_async" / "resources" / "reports.py"
    source.parent.mkdir(parents=True)
    source.write_text((ROOT / "src" / "sigmakit" / "_async" / "resources" / "teams.py").read_text())
    for name, value in {
        "ROOT": tmp_path,
        "PACKAGE": package,
        "SOURCE": package / "_async",
        "MIRROR": package / "_sync",
    }.items():
        monkeypatch.setattr(unasync, name, value)
    twin = package / "_sync" / "resources" / "reports.py"
    unasync.main([])
    text = twin.read_text()
    assert text.startswith("# generated from src/sigmakit/_async/resources/reports.py")
    assert "class Teams(Resource):" in text and "from sigmakit._sync._pagination" in text
    source.unlink()
    unasync.main([])
    assert not twin.exists()


def test_the_replacement_rules() -> None:
    source = (
        "import asyncio\n"
        "from collections.abc import AsyncIterator, Awaitable, Callable\n"
        "from sigmakit._async._pagination import AsyncPaginator\n"
        "async def walk(p: AsyncPaginator[int], nap: Callable[[float], Awaitable[None]]) -> None:\n"
        "    async with lock:\n"
        "        async for x in p:\n"
        "            await asyncio.sleep(await p.first())\n"
        "    await client.aclose()\n"
        "    return f((await p.first()).x, g(await p.first()), [y async for y in p])\n"
        "pool = ASYNC_MAX_CONNECTIONS\n"
    )
    assert unasync.unasync_text(source) == (
        "import threading\nimport time\n"
        "from collections.abc import Iterator, Awaitable, Callable\n"
        "from sigmakit._sync._pagination import Paginator\n"
        "def walk(p: Paginator[int], nap: Callable[[float], None]) -> None:\n"
        "    with lock:\n"
        "        for x in p:\n"
        "            time.sleep(p.first())\n"
        "    client.close()\n"
        "    return f(p.first().x, g(p.first()), list(p))\n"
        "pool = MAX_CONNECTIONS\n"
    )


def test_the_async_pool_is_the_smaller_one() -> None:
    """httpcore's async pool costs CPU with the square of its connections: AsyncSigma keeps
    fewer open by default (its sync twin keeps the sync figure, through the ASYNC_ rule)."""
    from sigmakit._request import ASYNC_MAX_CONNECTIONS, MAX_CONNECTIONS

    def default(cls: type) -> object:
        return inspect.signature(cls).parameters["max_connections"].default

    assert default(AsyncSigma) == ASYNC_MAX_CONNECTIONS < MAX_CONNECTIONS == default(Sigma)


def _public_methods(cls: type) -> dict[str, Any]:
    return {
        name: member
        for name, member in inspect.getmembers(cls)
        if not name.startswith("_") and (inspect.isfunction(member) or isinstance(member, property))
    }


def _sync_signature(member: Any) -> str:
    if isinstance(member, property):
        return "property"
    return str(inspect.signature(member))


def _same_surface(sync_cls: type, async_cls: type) -> None:
    sync_methods = _public_methods(sync_cls)
    async_methods = _public_methods(async_cls)
    renamed = {unasync.unasync_text(name): m for name, m in async_methods.items()}
    assert sorted(renamed) == sorted(sync_methods), async_cls.__name__
    for name, member in renamed.items():
        expected = _sync_signature(sync_methods[name])
        assert unasync.unasync_text(_sync_signature(member)) == expected, f"{async_cls}.{name}"


RESOURCES = [
    name
    for name, member in inspect.getmembers(Sigma)
    if not name.startswith("_") and hasattr(member, "func")  # the cached_property resources
]


def test_every_resource_of_the_sync_client_is_on_the_async_one() -> None:
    # 20 resources (shortcuts, materialization schedules and workbook specs, published after
    # 2026-08, the last) and sigma.raw
    assert len(RESOURCES) == 21
    assert {n for n, m in inspect.getmembers(AsyncSigma) if hasattr(m, "func")} == set(RESOURCES)


@pytest.mark.parametrize("resource", RESOURCES)
def test_each_resource_has_the_same_methods_and_signatures(resource: str) -> None:
    sync_cls = inspect.signature(getattr(Sigma, resource).func).return_annotation
    async_cls = inspect.signature(getattr(AsyncSigma, resource).func).return_annotation
    sync_client = Sigma(base_url="http://127.0.0.1:9", client_id="i", client_secret="s")
    async_client = AsyncSigma(base_url="http://127.0.0.1:9", client_id="i", client_secret="s")
    sync_type, async_type = (
        type(getattr(sync_client, resource)),
        type(getattr(async_client, resource)),
    )
    sync_client.close()
    assert (sync_cls, async_cls) == (sync_type.__name__, async_type.__name__)
    assert async_type.__name__ == "Async" + sync_type.__name__
    _same_surface(sync_type, async_type)


def test_the_clients_and_paginators_have_the_same_methods() -> None:
    _same_surface(Sigma, AsyncSigma)
    _same_surface(Paginator, AsyncPaginator)

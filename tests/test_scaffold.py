"""``scripts/scaffold.py``, run on a copy of the checkout: what it writes for operations the
emulator does not serve (stubs that answer 501 in Sigma's error body through the emulator,
tests that are xfail while they do, lint-clean modules, a command in its own module of a
group package, a new public model), and what it refuses (a served operation, an operation
twice, an unknown one, a resource the SDK lacks, a command taken) without changing a byte."""

from __future__ import annotations

import ast
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
#: a write beside served ones (its model, Bookmark, exists and is reused); its command goes
#: in a module of its own in the cli/workbooks/ package
TAGGED_ONE = "updateTaggedWorkbookBookmark"
#: a list in a routes module of its own (created, with its store and registry line), a new
#: public model, and a command appended to a group that is one module (cli/connections.py)
NEW_MODULE = (
    "listDatasetMaterializations",
    "--resource",
    "data_models",
    "--group",
    "connections",
    "--route-module",
    "dataset_materializations",
    "--model",
    "DatasetMaterialization",
)


#: The emulator serves every operation of the 2026-08 description, so the copy the scaffold
#: runs on has three taken away first: the route (and the SDK method of the two it writes)
#: of each, as the checkout was before they were served.
UNSERVED = {
    "src/sigmakit/emulator/routes/bookmarks.py": ("update_tagged_workbook_bookmark",),
    "src/sigmakit/_async/resources/_workbook_bookmarks.py": ("update_tagged_bookmark",),
    "src/sigmakit/emulator/routes/datasets.py": ("list_dataset_materializations",),
    "src/sigmakit/_async/resources/data_models.py": ("dataset_materializations",),
    "src/sigmakit/emulator/routes/webhooks.py": ("get_webhook_schema",),
}


def _unserve(tree: Path) -> None:
    """Take the functions of UNSERVED (with their decorators) out of the copy's modules."""
    for rel, names in UNSERVED.items():
        path = tree / rel
        lines = path.read_text().splitlines(keepends=True)
        spans = [
            (min([d.lineno for d in node.decorator_list] + [node.lineno]) - 1, node.end_lineno)
            for node in ast.walk(ast.parse("".join(lines)))
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name in names
        ]
        assert len(spans) == len(names), (rel, names)
        for start, end in sorted(spans, reverse=True):
            while start and not lines[start - 1].strip():
                start -= 1  # the blank lines before it go with it
            del lines[start:end]
        path.write_text("".join(lines))
    coverage = subprocess.run(
        [sys.executable, str(tree / "scripts" / "implementation_coverage.py")],
        cwd=tree,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    (tree / "IMPLEMENTATION_COVERAGE.md").write_text(coverage, encoding="utf-8")


def _copy(dest: Path) -> Path:
    ignore = shutil.ignore_patterns("__pycache__", ".venv", ".git", "*.egg-info", ".*_cache")
    for name in ("src", "scripts", "tests"):
        shutil.copytree(ROOT / name, dest / name, ignore=ignore)
    for name in ("api.md", "IMPLEMENTATION_COVERAGE.md", "pyproject.toml"):
        shutil.copy2(ROOT / name, dest / name)
    _unserve(dest)
    return dest


def _snapshot(tree: Path) -> dict[str, str]:
    return {
        str(p.relative_to(tree)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in tree.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def scaffold(tree: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(tree / "scripts" / "scaffold.py"), *args],
        capture_output=True,
        text=True,
        cwd=tree,
        env={**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"},
    )


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _copy(tmp_path_factory.mktemp("pristine"))


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str]]]:
    """A copy of the checkout after scaffolding both operations, and the texts before."""
    tree = _copy(tmp_path_factory.mktemp("scaffolded"))
    before = {
        str(p.relative_to(tree)): p.read_text()
        for p in [
            *tree.glob("src/**/*.py"),
            *tree.glob("tests/**/*.py"),
            tree / "api.md",
            tree / "IMPLEMENTATION_COVERAGE.md",
        ]
    }
    for args in ((TAGGED_ONE,), NEW_MODULE):
        done = scaffold(tree, *args)
        assert done.returncode == 0, done.stderr
    yield tree, before


def test_dry_run_names_every_file_and_writes_none(pristine: Path) -> None:
    before = _snapshot(pristine)
    done = scaffold(pristine, TAGGED_ONE, "--dry-run")
    assert done.returncode == 0, done.stderr
    named = {line.split()[2] for line in done.stdout.splitlines() if line.startswith("would ")}
    assert {
        "src/sigmakit/emulator/routes/bookmarks.py",
        "src/sigmakit/emulator/store/bookmarks.py",
        "src/sigmakit/_async/resources/workbooks.py",
        "src/sigmakit/cli/workbooks/__init__.py",
        "src/sigmakit/cli/workbooks/update_tagged_bookmark.py",
        "api.md",
        "tests/emulator/test_bookmarks.py",
        "tests/sdk/test_workbooks.py",
        "tests/cli/test_workbooks_cli.py",
    } <= named
    # Bookmark exists: the model and the public names are left as they are
    assert "src/sigmakit/types/workbooks.py" not in named
    assert _snapshot(pristine) == before


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("getWorkbookBookmarks",), "is already served by emulator/routes/bookmarks.py"),
        ((TAGGED_ONE, "--method", "bookmarks"), "AsyncWorkbooks.bookmarks exists"),
        ((TAGGED_ONE, "--method", "lineage"), "sigmakit workbooks lineage exists"),
        (("updateTaggedWorkbookBokmark",), "did you mean updateTaggedWorkbookBookmark"),
        (("getWebhookSchema",), "no SDK resource src/sigmakit/_async/resources/webhooks.py"),
        (
            (*NEW_MODULE[:-1], "Materialization"),
            "the model name Materialization is public already (sigmakit.types.workbooks)",
        ),
    ],
)
def test_refusals_are_one_line_and_change_nothing(
    pristine: Path, args: tuple[str, ...], says: str
) -> None:
    before = _snapshot(pristine)
    done = scaffold(pristine, *args)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and says in done.stderr, done.stderr
    assert _snapshot(pristine) == before


def test_a_scaffolded_operation_is_refused_the_second_time(
    scaffolded: tuple[Path, dict[str, str]],
) -> None:
    tree, _ = scaffolded
    done = scaffold(tree, TAGGED_ONE, "--method", "another_name")
    assert done.returncode == 2
    assert "is already a stub in emulator/routes/bookmarks.py" in done.stderr


def test_it_only_adds_lines_and_creates_what_is_missing(
    scaffolded: tuple[Path, dict[str, str]],
) -> None:
    tree, before = scaffolded
    for rel, old in before.items():
        new = (tree / rel).read_text()
        if rel.startswith("src/sigmakit/_sync/"):
            continue  # the sync twins, regenerated
        gone = set(old.splitlines()) - set(new.splitlines())
        # a line is only ever rewritten to take a new name into a list of names (an
        # import, an __all__, a lazy table): every name it held is still there
        kept = set(re.findall(r"\w+", new))
        for line in gone:
            assert re.search(r"^\s*(from |import |__all__|\*\*dict|\()", line), (rel, line)
            assert set(re.findall(r"\w+", line)) <= kept, (rel, line)
    for rel in (
        "src/sigmakit/emulator/routes/dataset_materializations.py",
        "src/sigmakit/emulator/store/dataset_materializations.py",
        "tests/emulator/test_dataset_materializations.py",
        "src/sigmakit/cli/workbooks/update_tagged_bookmark.py",
    ):
        assert rel not in before and (tree / rel).is_file(), rel
    registry = (tree / "src/sigmakit/emulator/registry.py").read_text()
    assert 'Resource("dataset_materializations", lambda s: DatasetMaterializationStore(' in registry
    assert registry.index('"dataset_materializations"') < registry.index(
        "Resource(router=console_router)"
    )
    # the group package registers the command; the one-module group gains it at its end
    assert (
        "group.add_command(update_tagged_bookmark)"
        in (tree / "src/sigmakit/cli/workbooks/__init__.py").read_text()
    )
    assert "def dataset_materializations(" in (tree / "src/sigmakit/cli/connections.py").read_text()
    coverage = (tree / "IMPLEMENTATION_COVERAGE.md").read_text()
    # a stub is not an implementation: the three taken away stay unticked
    assert coverage == before["IMPLEMENTATION_COVERAGE.md"]
    assert "**278 of 281 operations**" in coverage


def test_what_it_writes_is_lint_clean(scaffolded: tuple[Path, dict[str, str]]) -> None:
    tree, _ = scaffolded
    for check in (
        [str(BIN / "ruff"), "check", "src", "tests", "scripts"],
        [str(BIN / "ruff"), "format", "--check", "src", "tests", "scripts"],
        [sys.executable, "scripts/unasync.py", "--check"],
        [sys.executable, "scripts/public_names.py", "--check"],
        [sys.executable, "scripts/plain_lines.py", "--check"],
    ):
        done = subprocess.run(check, cwd=tree, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr


STUB_REQUESTS = """
import json, httpx
from sigmakit.emulator import EmulatorConfig, EmulatorServer
from tests.support.helpers import CLIENT_ID, CLIENT_SECRET, login
config = EmulatorConfig(client_id=CLIENT_ID, client_secret=CLIENT_SECRET)
with EmulatorServer(config) as server, httpx.Client(base_url=server.base_url) as api:
    login(api)
    answers = [
        api.patch("/v2/workbooks/any/tags/Production/bookmarks/any", json={"name": "x"}),
        api.get("/v2/datasets/any/materialization"),
        api.get("/v2/datasets/any/materialization", params={"limit": 0}),
    ]
    print(json.dumps([[a.status_code, a.json()] for a in answers]))
"""


def test_the_stubs_answer_501_in_sigmas_error_body(
    scaffolded: tuple[Path, dict[str, str]],
) -> None:
    tree, _ = scaffolded
    env = {**os.environ, "PYTHONPATH": f"{tree}{os.pathsep}{tree / 'src'}"}
    done = subprocess.run(
        [sys.executable, "-c", STUB_REQUESTS], cwd=tree, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    *stubs, bad_page = json.loads(done.stdout)
    for (status, body), op in zip(stubs, (TAGGED_ONE, NEW_MODULE[0]), strict=True):
        assert status == 501
        assert set(body) == {"message", "code", "requestId"} and body["code"] == "not_implemented"
        assert body["message"].startswith(f"{op} is not emulated yet")
    # the list's page is read by its Listing dependency, before the stub: a bad one is a 400
    assert bad_page[0] == 400 and bad_page[1]["code"] != "not_implemented", bad_page


def test_a_new_model_is_public_through_the_one_table(
    scaffolded: tuple[Path, dict[str, str]],
) -> None:
    tree, _ = scaffolded
    table = (tree / "src/sigmakit/_public.py").read_text()
    assert '"DatasetMaterialization"' in table
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sigmakit, sigmakit.resources as r\n"
            "print(sigmakit.DatasetMaterialization.__module__, r.DatasetMaterialization.__name__)",
        ],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.stdout.split() == ["sigmakit.types.data_models", "DatasetMaterialization"], (
        done.stderr
    )


def test_its_tests_are_xfail_while_the_stub_answers(
    scaffolded: tuple[Path, dict[str, str]],
) -> None:
    tree, _ = scaffolded
    env = {**os.environ, "PYTHONPATH": f"{tree}{os.pathsep}{tree / 'src'}"}
    ids = [
        "tests/emulator/test_bookmarks.py::test_update_tagged_workbook_bookmark",
        "tests/sdk/test_workbooks.py::test_update_tagged_bookmark",
        "tests/cli/test_workbooks_cli.py::test_workbooks_update_tagged_bookmark_command",
        "tests/emulator/test_dataset_materializations.py::test_list_dataset_materializations",
        "tests/sdk/test_data_models.py::test_dataset_materializations",
        "tests/cli/test_connections_cli.py::test_connections_dataset_materializations_command",
    ]
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rx", *ids],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-2000:]
    assert "6 xfailed" in done.stdout, done.stdout[-2000:]


def test_its_tests_go_red_once_the_stub_is_written(
    scaffolded: tuple[Path, dict[str, str]],
) -> None:
    """The store method written, the test left as scaffolded: a failure, not an xfail.
    (Last in this module: it changes the scaffolded copy.)"""
    tree, _ = scaffolded
    store = tree / "src/sigmakit/emulator/store/bookmarks.py"
    stub = f'raise NotEmulated("{TAGGED_ONE}")'
    assert stub in store.read_text()
    store.write_text(
        store.read_text().replace(
            stub, "return self.update(workbook_id, bookmark_id, body, caller)"
        )
    )
    env = {**os.environ, "PYTHONPATH": f"{tree}{os.pathsep}{tree / 'src'}"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/emulator/test_bookmarks.py::test_update_tagged_workbook_bookmark",
        ],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1 and "1 failed" in done.stdout, done.stdout[-2000:]


def test_a_resource_without_a_models_module_gets_one(pristine: Path) -> None:
    """``favorites`` has no ``types/favorites.py``: the new model's module is created (it
    was a traceback before)."""
    args = [a if a != "data_models" else "favorites" for a in NEW_MODULE]
    done = scaffold(pristine, *args, "--dry-run")
    assert done.returncode == 0, done.stderr
    assert "would create src/sigmakit/types/favorites.py" in done.stdout

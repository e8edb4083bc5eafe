"""The public surface: what ``import sigmakit`` offers, and that it stays light."""

from __future__ import annotations

import subprocess
import sys

import sigmakit


def test_every_public_name_resolves() -> None:
    for name in sigmakit.__all__:
        assert getattr(sigmakit, name) is not None, name


def test_lazy_table_and_all_agree() -> None:
    assert set(sigmakit.__all__) == set(sigmakit._LAZY) | {"__version__"}


def test_the_error_tree() -> None:
    assert issubclass(sigmakit.NotFoundError, sigmakit.APIStatusError)
    assert issubclass(sigmakit.APITimeoutError, sigmakit.APIConnectionError)
    for name in sigmakit.__all__:
        obj = getattr(sigmakit, name)
        if isinstance(obj, type) and name.endswith("Error"):
            assert issubclass(obj, sigmakit.SigmaError), name


def test_importing_sigmakit_or_its_cli_loads_no_http_stack() -> None:
    code = (
        "import sys, sigmakit, sigmakit.cli.main; "
        "heavy = [m for m in ('httpx', 'pydantic', 'rich', 'fastapi') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_serve_flags_match_the_emulator_seed_sizes() -> None:
    from dataclasses import fields

    from sigmakit.cli.emulator import SIZE_FLAGS
    from sigmakit.emulator import SeedSizes

    assert set(SIZE_FLAGS) == {f.name for f in fields(SeedSizes)}

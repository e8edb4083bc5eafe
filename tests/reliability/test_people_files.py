"""People files are checked with a schema before anything is created: wrong types,
oversized values, unknown keys and YAML aliases are refused, every bad row named with
its line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sigmakit import Sigma
from sigmakit.cli.main import cli
from sigmakit.emulator import EmulatorServer

pytestmark = pytest.mark.usefixtures("cli_env")


def onboard(path: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["onboard", "--file", str(path)])
    return result.exit_code, result.stdout, result.stderr


def members_with_domain(sigma: Sigma, domain: str) -> list[str]:
    return [m.email for m in sigma.members.list(include_archived=True) if m.email.endswith(domain)]


def test_a_list_or_a_mapping_where_a_name_belongs_is_refused(
    sigma: Sigma, emulator: EmulatorServer, tmp_path: Path
) -> None:
    people = tmp_path / "people.yaml"
    people.write_text(
        "- email: ok.one@types.example\n"
        "  first_name: Ok\n"
        "  last_name: One\n"
        "  account_type: Lite\n"
        "- email: wrong.types@types.example\n"
        "  first_name: [A, B]\n"
        "  last_name: {x: 1}\n"
        "  account_type: Lite\n"
    )
    code, out, err = onboard(people)
    assert code == 2 and out == ""
    assert "line 5" in err and "first_name must be text" in err and "last_name must be text" in err
    assert err.count("\n") == 1
    assert members_with_domain(sigma, "@types.example") == []


def test_every_bad_row_is_named_before_anything_is_created(
    sigma: Sigma, emulator: EmulatorServer, tmp_path: Path
) -> None:
    people = tmp_path / "people.csv"
    people.write_text(
        "email,first_name,last_name,account_type,teams\n"
        "good@rows.example,Good,Row,Lite,\n"
        "not-an-email,Bad,Email,Lite,\n"
        f"long@rows.example,{'N' * 300},Long,Lite,\n"
        "good2@rows.example,Good,Two,Lite,\n"
        "short@rows.example,Short\n"
    )
    code, _, err = onboard(people)
    assert code == 2
    assert "3 bad rows" in err
    assert "line 3: email is not an email address" in err
    assert "line 4: first_name is longer than 255 characters" in err
    assert "line 6:" in err and "last_name is missing" in err
    assert members_with_domain(sigma, "@rows.example") == []


def test_unknown_keys_are_named(tmp_path: Path, emulator: EmulatorServer) -> None:
    people = tmp_path / "people.yml"
    people.write_text(
        "people:\n"
        "  - email: a@keys.example\n"
        "    first_name: A\n"
        "    last_name: B\n"
        "    account_type: Lite\n"
        "    role: admin\n"
    )
    code, _, err = onboard(people)
    assert code == 2 and "line 2: unknown field role" in err


def test_yaml_aliases_are_refused(sigma: Sigma, emulator: EmulatorServer, tmp_path: Path) -> None:
    """The "billion laughs" file: 325 bytes that expand to a 25-million-character name."""
    bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefgh":
        prev = chr(ord(level) - 1)
        bomb.append(f"{level}: &{level} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]")
    people = tmp_path / "people.yaml"
    people.write_text(
        "\n".join(bomb)
        + "\npeople:\n  - {email: x@bomb.example, first_name: *h, last_name: X, account_type: Lite}\n"
    )
    code, _, err = onboard(people)
    assert code == 2 and "aliases" in err
    assert members_with_domain(sigma, "@bomb.example") == []

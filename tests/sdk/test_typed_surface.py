"""The typed surface guides an editor: fixed sets are Literals, and whoami says who."""

from __future__ import annotations

import sys
import typing
from pathlib import Path

import pytest

from sigmakit import ExportRequest, Sigma
from sigmakit._settings import config_path
from sigmakit.resources.members import Members
from sigmakit.resources.workbooks import EXPORT_FORMATS, PDF_LAYOUTS
from sigmakit.workflows.export import ExportOptions


def literal(func: typing.Any, name: str) -> tuple[str, ...]:
    hint = typing.get_type_hints(func)[name]
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if len(args) == 1 and typing.get_origin(args[0]) is typing.Literal:
        args = list(typing.get_args(args[0]))
    return tuple(args)


def test_export_format_and_layout_are_literals() -> None:
    assert literal(ExportRequest, "format") == EXPORT_FORMATS["element"]  # export(id, request)
    assert literal(ExportRequest, "layout") == PDF_LAYOUTS
    assert literal(ExportOptions, "format") == EXPORT_FORMATS["element"]


def test_the_cli_offers_the_formats_the_sdk_types() -> None:
    from sigmakit.cli.workbooks import EXPORT_FORMATS as CLI_FORMATS

    assert EXPORT_FORMATS["element"] == CLI_FORMATS


def test_user_kind_is_a_literal_and_account_type_stays_free() -> None:
    assert literal(Members.create, "user_kind") == ("internal", "guest", "embed")
    # account types are the organization's own: any name
    assert typing.get_type_hints(Members.create)["member_type"] is str


def test_whoami_without_the_member_is_one_request(sigma: Sigma) -> None:
    before = sigma.requests_sent
    sigma.token()
    before = sigma.requests_sent
    me = sigma.whoami(member=False)
    assert sigma.requests_sent == before + 1
    assert me.user_id and me.email is None
    full = sigma.whoami()
    assert full.email and full.member_type and full.name


@pytest.mark.parametrize("platform", ["darwin", "win32"])
def test_config_folder_is_the_platforms_and_the_old_one_is_still_read(
    platform: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    home = Path.home()
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setenv("APPDATA", str(tmp_path / "AppData"))
    native = config_path()
    assert native.name == "config.toml" and native.parent.name == "sigmakit"
    assert ".config" not in native.parts
    if platform == "darwin":
        assert native == home / "Library" / "Application Support" / "sigmakit" / "config.toml"
    else:
        assert native == tmp_path / "AppData" / "sigmakit" / "config.toml"
    legacy = Path(str(Path.home() / ".config")) / "sigmakit" / "config.toml"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    legacy.parent.mkdir(parents=True)
    legacy.write_text("[profiles.default]\n")
    assert config_path() == legacy  # only the old file exists: keep reading it
    native.parent.mkdir(parents=True)
    native.write_text("[profiles.default]\n")
    assert config_path() == native

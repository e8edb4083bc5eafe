"""``GUESSES.md`` lists what the emulator assumes where Sigma's behaviour is not documented:
each entry whole (endpoint, behaviour, choice, why, how to check, where), about an endpoint
the emulator serves and a module that exists, and every emulator module that calls
something a guess or "not documented" named by an entry."""

from __future__ import annotations

import re
from pathlib import Path

from tests.contract.spec import emulator_operations, shape

ROOT = Path(__file__).resolve().parents[2]
GUESSES = Path(__file__).with_name("GUESSES.md")
EMULATOR = ROOT / "src" / "sigmakit" / "emulator"
PARTS = ("Endpoint", "Behaviour", "Choice", "Why", "Check", "Where")
#: how a module says it guesses
SAYS_GUESS = re.compile(r"\bis a guess\b|\bnot documented\b", re.IGNORECASE)


def entries() -> dict[str, dict[str, str]]:
    """Each ``### title`` with its ``- **Part**: text`` (text may run over several lines)."""
    found: dict[str, dict[str, str]] = {}
    for block in re.split(r"^### ", GUESSES.read_text(), flags=re.MULTILINE)[1:]:
        title, _, body = block.partition("\n")
        parts = dict(re.findall(r"^- \*\*(\w+)\*\*: (.+?)(?=^- \*\*|^#|\Z)", body, re.M | re.S))
        found[title.strip()] = {k: " ".join(v.split()) for k, v in parts.items()}
    return found


def test_every_entry_has_its_parts_and_names_a_served_endpoint_and_a_module() -> None:
    listed = entries()
    assert len(listed) >= 10
    served = emulator_operations()
    for title, parts in listed.items():
        assert tuple(parts) == PARTS, title
        assert all(len(text) > 20 or key == "Endpoint" for key, text in parts.items()), title
        method, path = parts["Endpoint"].strip("`").split(" ", 1)
        assert (method, shape(path)) in served, f"{title}: {parts['Endpoint']} is not served"
        module = re.match(r"`([^`]+)`", parts["Where"])
        assert module is not None and (ROOT / module.group(1)).is_file(), title


def test_the_lineage_and_search_choices_are_listed() -> None:
    endpoints = {parts["Endpoint"].strip("`") for parts in entries().values()}
    assert {
        "GET /v2/workbooks/{workbookId}/lineage/elements/{elementId}",
        "GET /v2/workbooks/{workbookId}/elements/{elementId}/query",
        "GET /v2/workbooks/{workbookId}/sources",
        "GET /v2/members",
    } <= endpoints


def test_every_module_that_says_it_guesses_is_listed() -> None:
    where = {parts["Where"].split("`")[1] for parts in entries().values()}
    saying = {
        str(path.relative_to(ROOT))
        for path in EMULATOR.rglob("*.py")
        if SAYS_GUESS.search(path.read_text())
    }
    assert saying, "the scan found no module: the pattern or the path is wrong"
    assert saying <= where, f"guesses not in GUESSES.md: {sorted(saying - where)}"

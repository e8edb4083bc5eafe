"""``sigmakit demo``: the QuickStart journey against a fresh local emulator.

Starts the emulator in this process on a free loopback port, seeds a demo organization,
and walks each step through the SDK, printing what happened. Each step is a function
in ``STEPS``; a new recipe adds a step.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from rich.console import Console

    from .._client import Sigma
    from ..emulator import EmulatorServer

__all__ = ["demo"]


@dataclass
class Demo:
    sigma: Sigma
    emulator: EmulatorServer
    console: Console
    notes: dict[str, Any] = field(default_factory=dict)

    def table(self, rows: list[dict[str, Any]], columns: list[str], title: str) -> None:
        from rich.table import Table

        table = Table(title=title, title_justify="left", header_style="bold")
        for c in columns:
            table.add_column(c)
        for row in rows:
            table.add_row(*(str(row.get(c, "")) for c in columns))
        self.console.print(table)


def step_token(d: Demo) -> None:
    token = d.sigma.token()
    me = d.sigma.whoami()
    admin = d.sigma.members.get(me.user_id)
    d.console.print(
        f"Got an access token (valid {token.lifetime / 60:.0f} min, kept out of sight) for "
        f"[bold]{admin.name}[/bold] <{admin.email}>, account type {admin.member_type}."
    )


def step_members(d: Demo) -> None:
    members = list(d.sigma.members.list(page_size=25))
    pages = -(-len(members) // 25)
    types = Counter(m.member_type for m in members)
    d.console.print(
        f"Listed all {len(members)} active members in {pages} pages of 25 "
        f"({', '.join(f'{n} {t}' for t, n in types.most_common())})."
    )
    d.table(
        [m.to_dict() for m in members[:5]],
        ["email", "firstName", "lastName", "memberType"],
        "The first five",
    )


def step_member_lifecycle(d: Demo) -> None:
    email = "jordan.lee@northwind.example"
    member = d.sigma.members.create(
        email=email, first_name="Jordan", last_name="Lee", member_type="Lite", send_invite=False
    )
    d.console.print(f"Created {member.name} <{member.email}> as {member.member_type}.")
    found = d.sigma.members.resolve(email.upper())
    d.console.print(f"Found them again by email (case-insensitive): id {found.member_id}.")
    updated = d.sigma.members.update(found.member_id, member_type="Pro")
    d.console.print(f"Changed their account type to {updated.member_type}.")
    d.sigma.members.delete(found.member_id)
    gone = d.sigma.members.get(found.member_id)
    d.console.print(f"Deactivated them: isArchived={gone.is_archived}.")


def step_summary(d: Demo) -> None:
    stats = d.emulator.state.stats.snapshot()
    d.console.print(
        f"The emulator answered {stats['total']} API requests; "
        f"{stats['routes'].get('POST /v2/auth/token', 0)} of them for a token."
    )


STEPS: list[tuple[str, Callable[[Demo], None]]] = [
    ("Get a token and say who we are", step_token),
    ("List members, every page", step_members),
    ("Create, find, update and deactivate a member", step_member_lifecycle),
    ("What it took", step_summary),
]


@click.command()
@click.option(
    "--members",
    default=60,
    show_default=True,
    type=click.IntRange(min=1),
    help="Size of the demo organization.",
)
def demo(members: int) -> None:
    """Walk through Sigma's API QuickStart against a local emulator (no account needed)."""
    from .emulator import _require_emulator

    _require_emulator()
    from rich.console import Console
    from rich.rule import Rule

    from .._client import Sigma
    from .._settings import load_settings
    from ..emulator import EmulatorConfig, EmulatorServer, SeedSizes

    console = Console(highlight=False)
    config = EmulatorConfig(
        client_id="demo-client", client_secret="demo-secret", sizes=SeedSizes(members=members)
    )
    with EmulatorServer(config) as emulator:
        console.print(
            f"[bold]sigmakit demo[/bold]: a Sigma API emulator is running at {emulator.base_url} "
            "with a seeded demo organization (Northwind Outfitters)."
        )
        settings = load_settings(
            base_url=emulator.base_url,
            client_id=config.client_id,
            client_secret=config.client_secret,
            env={},
            use_dotenv=False,
        )
        with Sigma(settings=settings) as sigma:
            d = Demo(sigma=sigma, emulator=emulator, console=console)
            for number, (title, step) in enumerate(STEPS, start=1):
                console.print(Rule(f"{number}. {title}", align="left"))
                step(d)
    console.print("[green]Demo complete.[/green]")

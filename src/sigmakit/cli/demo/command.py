"""The ``sigmakit demo`` command: start the emulator, run the steps, then stop or keep it."""

from __future__ import annotations

from pathlib import Path

import click

from .keep import command_hint, shell_quote, wait_for_interrupt, write_env_file
from .steps import STEPS, Demo


@click.command()
@click.option(
    "--members",
    default=60,
    show_default=True,
    type=click.IntRange(min=1),
    help="Size of the demo organization.",
)
@click.option(
    "--out",
    "out_dir",
    default="sigmakit-demo-output",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the exported files.",
)
@click.option(
    "--keep",
    is_flag=True,
    help="Leave the emulator running after the demo, to look around its web console "
    "(stop it with Ctrl+C).",
)
def demo(members: int, out_dir: Path, keep: bool) -> None:
    """Walk through Sigma's API QuickStart against a local emulator (no account needed)."""
    from ..extras import require_emulator

    require_emulator()
    from rich.console import Console
    from rich.rule import Rule

    from ..._client import Sigma
    from ..._settings import load_settings
    from ...emulator import EmulatorConfig, EmulatorServer, SeedSizes

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
            # jobs move one stage a second, so the waits are short but real
            with emulator.control() as control:
                control.put("/jobs", json={"stageSeconds": 1}).raise_for_status()
            out_dir.mkdir(parents=True, exist_ok=True)
            d = Demo(
                sigma=sigma,
                emulator=emulator,
                console=console,
                out_dir=out_dir,
                admin_id=sigma.whoami().user_id,
            )
            for number, (title, step) in enumerate(STEPS, start=1):
                console.print(Rule(f"{number}. {title}", align="left"))
                step(d)
        console_url = f"{emulator.base_url}/__emulator/console"
        command = command_hint()
        if keep:
            console.print(
                "[green]Demo complete.[/green] The emulator is still running; see what the "
                "journey did (the new member, their workspace and teams, the materialization "
                "and the exports) in its web console:"
            )
            console.print(f"  {console_url}", soft_wrap=True)
            env_file = write_env_file(
                Path.cwd(), emulator.base_url, config.client_id, config.client_secret
            )
            console.print(
                f"Its settings (this local emulator's throwaway credentials) are in {env_file.name}, "
                "removed when it stops. To point sigmakit at its organization from another shell "
                "in this folder:"
            )
            console.print(f"  set -a; . ./{shell_quote(env_file.name)}; set +a", soft_wrap=True)
            console.print(f"  {command.run} members list", soft_wrap=True)
            console.print("Press Ctrl+C to stop it.")
            try:
                wait_for_interrupt()
            finally:
                env_file.unlink(missing_ok=True)
            console.print("Stopped the emulator.")
            return
    console.print(
        "[green]Demo complete.[/green] To look at the organization afterwards in the "
        f"emulator's web console, run [bold]{command.run} demo --keep[/bold]"
        f"{command.note}."
    )

"""What ``sigmakit demo --keep`` leaves behind while its emulator stays up: the settings
file that points sigmakit at it (never over another file), how to run sigmakit from a new
shell, and the wait for Ctrl+C."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import click

from .steps import EMBED_CLIENT_ID, EMBED_SECRET

#: the file `demo --keep` writes its emulator's settings to (another name if it exists)
ENV_FILE = "sigmakit-demo.env"


@dataclass(frozen=True)
class CommandHint:
    #: what to type in a new shell to run this sigmakit
    run: str
    #: how to type plain `sigmakit` instead, when that takes a step (or "")
    note: str = ""


def command_hint() -> CommandHint:
    """How to run the sigmakit that runs now from a new shell: plain ``sigmakit`` when that
    finds this very command without an activated virtual environment, else its path (a
    virtual environment's ``bin/sigmakit``, as after ``make demo``), or ``python -m sigmakit``
    with this Python when started that way."""
    import shutil
    import sys

    launched = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if launched is not None and launched.name == "__main__.py":
        return CommandHint(f"{_shown(Path(sys.executable))} -m sigmakit")
    if launched is None or launched.stem != "sigmakit" or not launched.is_file():
        return CommandHint("sigmakit")
    found = shutil.which("sigmakit")
    active = os.environ.get("VIRTUAL_ENV")
    on_path = found is not None and Path(found).resolve() == launched.resolve()
    if on_path and not (
        active and Path(found or "").parent.resolve() == (Path(active) / "bin").resolve()
    ):
        return CommandHint("sigmakit")
    activate = launched.parent / "activate"
    note = ""
    if activate.is_file():
        note = f" (or `. {_shown(activate)}` first, then plain `sigmakit`)"
    return CommandHint(_shown(launched), note)


def _shown(path: Path) -> str:
    """``path`` as typed from the current folder: relative inside it, else absolute."""
    absolute = Path(os.path.abspath(path))
    try:
        shown = str(absolute.relative_to(Path.cwd()))
    except ValueError:
        shown = str(absolute)
    return shell_quote(shown)


def shell_quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


def write_env_file(folder: Path, base_url: str, client_id: str, client_secret: str) -> Path:
    """Write the settings that point sigmakit at the demo's emulator to a new file in
    ``folder`` (mode 0600): ``sigmakit-demo.env``, or ``sigmakit-demo-2.env``... when that
    exists; an existing file is never overwritten. Read by ``set -a; . ./FILE; set +a``."""
    values = {
        "SIGMA_BASE_URL": base_url,
        "SIGMA_CLIENT_ID": client_id,
        "SIGMA_CLIENT_SECRET": client_secret,
        "SIGMA_EMBED_CLIENT_ID": EMBED_CLIENT_ID,
        "SIGMA_EMBED_SECRET": EMBED_SECRET,
    }
    text = f"# sigmakit demo: the emulator at {base_url} and its throwaway credentials\n" + "".join(
        f"{key}={shell_quote(value)}\n" for key, value in values.items()
    )
    stem, suffix = ENV_FILE.rsplit(".", 1)
    for n in range(1, 1000):
        path = folder / (ENV_FILE if n == 1 else f"{stem}-{n}.{suffix}")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        with os.fdopen(fd, "w") as fh:
            fh.write(text)
        return path
    raise click.ClickException(f"could not find a free name for {ENV_FILE} in {folder}")


def wait_for_interrupt() -> None:
    """Wait for Ctrl+C; a closed terminal (SIGHUP) or a plain kill (SIGTERM) counts as one,
    so the env file still goes."""
    import contextlib
    import signal
    import threading

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop)
    with contextlib.suppress(KeyboardInterrupt):
        threading.Event().wait()

"""Progress for long work: a Rich bar on stderr when it is a terminal, silence otherwise."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

__all__ = ["progress"]


@contextmanager
def progress(description: str, total: float | None = None) -> Iterator[Callable[..., None]]:
    """Yields ``update(advance=1, *, completed=None, description=None)``.

    On a terminal a bar (or a spinner when ``total`` is None) is drawn on stderr; in a
    pipe, a file or a test, or with -q, nothing is printed at all.
    """
    from .output import is_terminal
    from .output import quiet as is_quiet

    if is_quiet() or not is_terminal(sys.stderr):

        def quiet(advance: float = 1, **_: object) -> None:
            return None

        yield quiet
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        Progress,
        SpinnerColumn,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        transient=True,
        console=Console(stderr=True),
        redirect_stdout=False,
        redirect_stderr=False,
    ) as bar:
        task = bar.add_task(description, total=total)

        def update(
            advance: float = 1, *, completed: float | None = None, description: str | None = None
        ) -> None:
            if completed is not None:
                bar.update(
                    task, completed=completed, description=description or bar.tasks[0].description
                )
            else:
                bar.update(
                    task, advance=advance, description=description or bar.tasks[0].description
                )

        yield update

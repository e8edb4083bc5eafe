"""``sigmakit data-models spec``: a data model's code representation, to stdout or a file."""

from __future__ import annotations

import click

from ..context import AppContext, pass_app
from ..output import info
from .shared import data_model_argument


@click.command()
@data_model_argument
@click.option(
    "--version",
    type=click.IntRange(min=1),
    metavar="N",
    help="An earlier version (default: the latest).",
)
@click.option(
    "--format",
    "format_",
    type=click.Choice(("yaml", "json")),
    default="yaml",
    show_default=True,
    help="YAML as Sigma writes it, or JSON.",
)
@click.option(
    "-o",
    "--out",
    "out_path",
    metavar="FILE",
    help="Write it to FILE (default: stdout). An existing FILE is replaced only with --force.",
)
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@pass_app
def spec(
    app: AppContext,
    data_model: str,
    version: int | None,
    format_: str,
    out_path: str | None,
    force: bool,
) -> None:
    """Print or save the code representation.

    DATA_MODEL's spec (Sigma's code representation), the latest version or --version N. A
    file is written under a temporary name and renamed when complete, so a failure leaves no
    partial file; a FIFO or a device is written into, never replaced."""
    import json

    from ..._files import destination, write_file

    to_file = out_path is not None and out_path != "-"
    if to_file:
        assert out_path is not None
        destination(out_path, overwrite=force)  # refused before any request
    sigma = app.client()
    model = sigma.data_models.resolve(data_model)
    got = sigma.data_models.get_spec(model.data_model_id, format=format_, document_version=version)
    text = got if isinstance(got, str) else json.dumps(got, indent=2, ensure_ascii=False) + "\n"
    if not to_file:
        click.echo(text, nl=not text.endswith("\n"))
        return
    assert out_path is not None
    size = write_file(out_path, [text.encode("utf-8")], overwrite=force)
    which = f"version {version}" if version is not None else "the latest version"
    info(f"wrote {out_path} ({size} bytes): {model.name}, {which}, as {format_}")

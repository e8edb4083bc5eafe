"""``sigmakit data-models show``: one data model, its version tags and its elements."""

from __future__ import annotations

from typing import Any

import click

from ..context import AppContext, pass_app
from ..output import OutputOptions, emit, emit_one, output_options
from .shared import ELEMENT_COLUMNS, TAG_COLUMNS, data_model_argument, list_row, show_fields


@click.command()
@data_model_argument
@output_options(fields=show_fields)
@pass_app
def show(app: AppContext, data_model: str, out: OutputOptions) -> None:
    """One data model, its tags and its elements.

    DATA_MODEL is an id, urlId or exact name: its fields, its version tags with the version
    each marks, and its elements with their columns. A table shows the three in turn; JSON
    is one object whose ``tags`` and ``elements`` are lists."""
    from dataclasses import replace

    sigma = app.client()
    model = sigma.data_models.resolve(data_model)
    model_id = model.data_model_id
    tags = [
        {"tag": t.tag_name, "version": t.source_version, "taggedAt": t.to_dict().get("taggedAt")}
        for t in sigma.data_models.tags(model_id)
    ]
    elements = [e.to_dict() for e in sigma.data_models.elements(model_id)]
    row: dict[str, Any] = {**list_row(model), "tags": tags, "elements": elements}
    if out.format != "table" or out.fields:
        emit_one(row, out)
        return
    emit_one({k: v for k, v in row.items() if k not in ("tags", "elements")}, out)
    emit(tags, replace(out, columns=TAG_COLUMNS, noun="tag"), title="Version tags")
    shown = [{**e, "columns": ", ".join(e.get("columns") or [])} for e in elements]
    emit(shown, replace(out, columns=ELEMENT_COLUMNS, noun="element"), title="Elements")

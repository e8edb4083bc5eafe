"""Promote a workbook: put a version tag (``Production``...) on its latest version, or on a
given one, in one step that is safe to repeat.

:func:`plan_promotion` reads what is there (the tag, the workbook, the version the tag marks
on it now) and checks everything before anything changes; :func:`promote` applies the plan:
nothing when the tag already marks that version, else one tagging request. A plan that
*moves* a tag (it marked another version of this workbook) is for the caller to confirm.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .._errors import InputError
from ..resources.tags import check_version
from .report import Item, Status

if TYPE_CHECKING:
    from .._client import Sigma
    from ..resources.tags import Tag
    from ..resources.workbooks import Workbook

__all__ = ["Promotion", "Tagging", "plan_promotion", "promote"]


class Tagging:
    """What tagging a document's version does, from the tag, the version to tag and the
    version the tag marks now (workbooks here, data models in ``promotion.models``)."""

    tag: Tag
    version: int
    current: int | None

    @property
    def needed(self) -> bool:
        return self.current != self.version

    @property
    def moves(self) -> bool:
        """The tag marks another version now: applying moves it (ask first)."""
        return self.current is not None and self.current != self.version

    def describe(self) -> str:
        """What applying does, for a plan or a report line (the document is its subject)."""
        tag = self.tag.name
        if not self.needed:
            return f"version {self.version} is already tagged {tag}"
        if self.moves:
            return f"move {tag} from version {self.current} to version {self.version}"
        return f"tag version {self.version} {tag}"


@dataclass(frozen=True)
class Promotion(Tagging):
    workbook: Workbook
    tag: Tag
    #: the version to tag
    version: int
    #: the version the tag marks on this workbook now (None: it marks none)
    current: int | None

    @property
    def document_id(self) -> str:
        return self.workbook.workbook_id

    @property
    def name(self) -> str:
        return self.workbook.name


def plan_promotion(
    sigma: Sigma, workbook: str, tag: str, *, version: int | str | None = None
) -> Promotion:
    """Check the version, the tag and the workbook (names or ids), and read which version
    the tag marks on the workbook now. Bad input is an error here, before any change."""
    wanted = None if version is None else check_version(version)
    found_tag = sigma.tags.get(tag)
    found = sigma.workbooks.resolve(workbook)
    latest = found.latest_version
    if wanted is not None and wanted > latest:
        raise InputError(f"{found.name} has no version {wanted}: its versions are 1 to {latest}")
    current = next(
        (
            int(t.source_workbook_version)
            for t in sigma.tags.workbook_tags(found.workbook_id)
            if t.version_tag_id == found_tag.version_tag_id
            and t.source_workbook_version is not None
        ),
        None,
    )
    return Promotion(found, found_tag, wanted or latest, current)


def promote(sigma: Sigma, plan: Promotion) -> Item:
    """Apply the plan: tag the version (or change nothing if it is tagged already)."""
    workbook = plan.workbook
    if not plan.needed:
        return Item(workbook.name, Status.ALREADY, plan.describe(), id=workbook.workbook_id)
    sigma.tags.tag_workbook(workbook.workbook_id, plan.tag, version=plan.version)
    if plan.moves:
        message = f"{plan.tag.name} moved from version {plan.current} to version {plan.version}"
        return Item(workbook.name, Status.CHANGED, message, id=workbook.workbook_id)
    message = f"version {plan.version} tagged {plan.tag.name}"
    return Item(workbook.name, Status.CREATED, message, id=workbook.workbook_id)

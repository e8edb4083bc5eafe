"""What a workflow hands back: one item per thing it touched, each with a status."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

__all__ = ["Item", "Report", "Status"]


class Status(StrEnum):
    CREATED = "created"
    ALREADY = "already there"
    CHANGED = "changed"
    SKIPPED = "skipped"
    FAILED = "failed"
    UNKNOWN = "unknown"
    #: a dry run: this is what would be done
    PLANNED = "planned"
    #: the run stopped (the server stopped answering) before this was done or could be
    #: confirmed done; running again finishes it
    NOT_DONE = "not done"


#: statuses that make a run unsuccessful (exit code 1 on the command line)
BAD = frozenset({Status.FAILED, Status.UNKNOWN, Status.NOT_DONE})


@dataclass(frozen=True)
class Item:
    """One line of a report: ``subject`` (an email...), the ``step`` it is about, if the
    workflow has several per subject, the outcome and the id of what it acted on."""

    subject: str
    status: Status
    message: str = ""
    step: str = ""
    id: str | None = None

    def to_dict(self, subject: str = "subject") -> dict[str, Any]:
        row: dict[str, Any] = {subject: self.subject}
        if self.step:
            row["step"] = self.step
        row.update(status=str(self.status), message=self.message, id=self.id)
        return row


@dataclass
class Report:
    items: list[Item] = field(default_factory=list)
    #: False for a dry run or a plan that was only shown
    applied: bool = True
    #: why the run stopped early (the server stopped answering), or None
    stopped: str | None = None

    @property
    def ok(self) -> bool:
        """No item failed or was unknown."""
        return not any(i.status in BAD for i in self.items)

    def counts(self) -> dict[str, int]:
        """``{"changed": 3, "unknown": 1}``, in the order of :class:`Status`."""
        seen = Counter(i.status for i in self.items)
        return {str(s): seen[s] for s in Status if seen[s]}

    def summary(self) -> str:
        counts = self.counts()
        text = ", ".join(f"{n} {s}" for s, n in counts.items()) or "nothing to do"
        if self.stopped:
            text += "; run it again to finish"
        return text  # a plan not applied says so in its own line (cli.confirm.NOT_APPLIED)

    def by_status(self, status: Status) -> list[Item]:
        return [i for i in self.items if i.status is status]

"""The one way a promotion runs, whatever its target (a folder, a tenant, another
organization): show the plan, ask (``--yes``, ``--dry-run``), apply it, verify the copy, and
report every step, a failed verification as a failed line (exit 1)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .confirm import approved, show_plan
from .report import finish

if TYPE_CHECKING:
    from ..workflows.report import Report
    from .output import OutputOptions

__all__ = ["plan_apply_verify"]


def plan_apply_verify(
    planned: Report,
    *,
    pending: bool,
    title: str,
    subject: str,
    apply: Callable[[], Report],
    verify: Callable[[], list[str]],
    verified: str,
    yes: bool,
    dry_run: bool,
    out: OutputOptions,
) -> None:
    """``planned`` (what would change, ``pending`` when anything would) shown and confirmed,
    then ``apply``'s report with ``verify``'s problems added, or ``verified`` when none."""
    from ..workflows.report import Item, Status

    if pending:
        show_plan(planned, title)
        if not approved(yes, "Apply this promotion?", dry_run=dry_run):
            finish(planned, out, subject="document")
            return
    elif dry_run:
        finish(planned, out, subject="document")
        return
    report = apply()
    problems = verify()
    report.items += [Item(subject, Status.FAILED, p, step="verify") for p in problems]
    if not problems:
        report.items.append(Item(subject, Status.ALREADY, f"verified: {verified}", step="verify"))
    finish(report, out, subject="document")

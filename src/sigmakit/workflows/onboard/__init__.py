"""Onboarding: a member, their own workspace and its grant, their teams and their
connections, for one person or many.

Idempotent: every step first looks at what is there (see :mod:`.ensure`), so a run after a
failure at any step finishes the rest without making anything twice. Each person's
workspace is named after their email address, lowercased (``ada@example.com``): that is
how a later run finds it again.

The package: ``options`` (the input and its checks), ``plan`` (the reads before the first
write), ``steps`` (each person's steps and the team changes made together), and here
:func:`onboard`, which runs them.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from ..report import Item, Report, Status
from .options import ANNOTATORS as ANNOTATORS
from .options import (
    CONNECTION_PERMISSIONS,
    WORKSPACE_PERMISSIONS,
    OnboardOptions,
    Person,
    read_people,
    workspace_name,
)
from .options import WORKSPACE_PERMISSION_NAMES as WORKSPACE_PERMISSION_NAMES
from .options import _check as _check
from .plan import _plan
from .steps import _after_everyone, _Onboarding

if TYPE_CHECKING:
    from ..._client import Sigma

__all__ = [
    "CONNECTION_PERMISSIONS",
    "WORKSPACE_PERMISSIONS",
    "OnboardOptions",
    "Person",
    "onboard",
    "read_people",
    "workspace_name",
]


def onboard(sigma: Sigma, options: OnboardOptions) -> Report:
    """Onboard every person; one report item per person and step. Bad input (unknown
    account type, team or connection, an email twice) is an ``InputError`` before any
    change; so is a failure to read the account types, teams or connections named (nothing
    is written then). A failed read of the members or workspaces is not: each person is
    then looked up for themselves.

    At most ``options.concurrency`` requests are in flight at a time. If the server stops
    answering (the client's fail-fast), the people not started yet are reported ``not
    done`` without a request, and the report says why the run stopped."""
    _check(options)
    with ThreadPoolExecutor(max_workers=options.concurrency) as pool:
        plan, known = _plan(sigma, options, pool)
        stop = threading.Event()
        why: list[str] = []

        def one(person: Person) -> _Onboarding:
            onboarding = _Onboarding(sigma, plan, known, person)
            if stop.is_set():  # the server stopped answering: leave the rest for a rerun
                onboarding.not_sent()
            else:
                onboarding.run()
                reason = onboarding.not_done_reason()
                if reason is not None and sigma.unreachable:
                    why.append(reason)
                    stop.set()
            if options.progress is not None:
                options.progress()
            return onboarding

        done = list(pool.map(one, plan.people))
        known.walks_done.set()
        joined = _after_everyone(sigma, plan, known, done, pool, stopped=stop.is_set())
    items: list[Item] = []
    for onboarding in done:
        items += onboarding.report(joined)
    if not why and sigma.unreachable:  # the server stopped answering during the team steps
        why = [i.message for i in joined.values() if i.status is Status.NOT_DONE][:1]
    return Report(items, stopped=why[0] if why else None)

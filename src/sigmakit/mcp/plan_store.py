"""The plans waiting for ``apply_plan``: what each would do, a fingerprint of what it read,
and when it expires. Below the tools, so the server's shared context can hold the store."""

from __future__ import annotations

import hashlib
import json
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from mcp.server.mcpserver.exceptions import ToolError

__all__ = ["DEFAULT_PLAN_TTL", "Plan", "PlanStore", "Planned", "fingerprint"]

#: seconds a plan may wait for apply_plan
DEFAULT_PLAN_TTL = 15 * 60


@dataclass(frozen=True)
class Planned:
    """What an action would do (``steps``), and a fingerprint of what it read."""

    steps: list[dict[str, Any]]
    fingerprint: str
    summary: str
    #: what the workflow's own planning gave, for applying without reading it all again
    context: Any = field(default=None, compare=False, repr=False)


def fingerprint(*parts: Any) -> str:
    text = json.dumps(parts, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass
class Plan:
    plan_id: str
    tool: str
    args: dict[str, Any]
    planned: Planned
    expires_at: float


@dataclass
class PlanStore:
    """The plans waiting for ``apply_plan``, each until it expires."""

    ttl: float = DEFAULT_PLAN_TTL
    clock: Callable[[], float] = time.monotonic
    _plans: dict[str, Plan] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, tool: str, args: dict[str, Any], planned: Planned) -> Plan:
        with self._lock:
            now = self.clock()
            for old in [p for p in self._plans.values() if p.expires_at <= now]:
                del self._plans[old.plan_id]
            plan = Plan(f"plan-{secrets.token_hex(6)}", tool, args, planned, now + self.ttl)
            self._plans[plan.plan_id] = plan
            return plan

    def take(self, plan_id: str) -> Plan:
        """The plan, removed from the store (applied at most once); refused if unknown or
        expired."""
        with self._lock:
            plan = self._plans.pop(plan_id, None)
            if plan is None:
                raise ToolError(
                    f"refused: no plan {plan_id!r} (unknown, or already applied); plan again"
                )
            if plan.expires_at <= self.clock():
                minutes = self.ttl / 60
                raise ToolError(
                    f"refused: plan {plan_id} expired (plans last {minutes:g} min); nothing "
                    "was changed: plan again"
                )
            return plan

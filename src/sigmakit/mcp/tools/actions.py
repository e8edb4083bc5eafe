"""What each plan tool plans and what ``apply_plan`` then does, one ``Action`` per tool:
onboarding, team changes, offboarding, materializations, exports and raw calls. Planning
changes nothing; it reads what the change touches and fingerprints it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, Field

from ..._errors import InputError
from ..plan_store import Planned, fingerprint

if TYPE_CHECKING:
    from ..._client import Sigma
    from ...workflows.report import Report

__all__ = ["ACTIONS", "Action", "Emails", "PathParams", "PersonIn", "Query", "TeamRef"]

Apply = Callable[["Sigma", dict[str, Any], Planned], tuple[str, dict[str, Any]]]


@dataclass(frozen=True)
class Action:
    plan: Callable[[Sigma, dict[str, Any]], Planned]
    apply: Apply


def _report(report: Report, subject: str = "subject") -> tuple[str, dict[str, Any]]:
    data = {
        "ok": report.ok,
        "summary": report.summary(),
        "counts": report.counts(),
        "items": [i.to_dict(subject) for i in report.items],
        "stopped": report.stopped,
    }
    return report.summary(), data


TeamRef = Annotated[str, Field(description="A team name or id.")]
Emails = Annotated[list[str], Field(min_length=1, max_length=10000)]
PathParams = Annotated[dict[str, str] | None, Field(description="{placeholder} values.")]
Query = Annotated[dict[str, Any] | None, Field(description="Query parameters.")]


# -- onboarding -------------------------------------------------------------------------


class PersonIn(BaseModel):
    email: str
    first_name: str
    last_name: str
    account_type: str = Field(description="Admin, Pro, Lite... or a custom account type.")
    teams: list[str] = Field(default_factory=list, description="Team names or ids.")
    connections: list[str] = Field(default_factory=list, description="Connection names or ids.")


def _people(args: Mapping[str, Any]) -> list[Any]:
    from ...workflows.onboard import Person

    return [
        Person(
            p["email"].strip(),
            p["first_name"],
            p["last_name"],
            p["account_type"],
            tuple(p.get("teams", ())),
            tuple(p.get("connections", ())),
        )
        for p in args["people"]
    ]


def _onboard_options(args: Mapping[str, Any]) -> Any:
    from ...workflows.onboard import OnboardOptions

    return OnboardOptions(
        people=_people(args),
        workspace_permission=args.get("workspace_permission"),
        connection_permission=args.get("connection_permission"),
        send_invite=args.get("send_invite"),
    )


def plan_onboard(sigma: Sigma, args: dict[str, Any]) -> Planned:
    """The steps onboarding would take, each person and step read from the organization
    (reads only): the member, their workspace (named after their email), its grant, each
    team, each connection grant."""
    from ...workflows.onboard import (
        ANNOTATORS,
        WORKSPACE_PERMISSIONS,
        _check,
        workspace_name,
    )
    from ...workflows.teams import team_member_ids

    options = _onboard_options(args)
    people = _check(options)  # the workflow's own checks: bad input, nothing read
    spelled = sigma.account_types.check_all([p.account_type for p in people])
    teams = {ref: sigma.teams.resolve(ref) for p in people for ref in p.teams}
    connections = {ref: sigma.connections.resolve(ref) for p in people for ref in p.connections}
    in_team = {t.team_id: team_member_ids(sigma, t.team_id) for t in teams.values()}
    steps: list[dict[str, Any]] = []
    for person in people:
        email = person.email
        kind = spelled[person.account_type]
        member = sigma.members.find_by_email(email)
        if member is None:
            steps.append(_step(email, "member", "create", f"create as {kind}"))
        else:
            state = (
                "deactivated" if member.is_archived else "inactive" if member.is_inactive else ""
            )
            note = f"already there ({member.member_type}{', ' + state if state else ''})"
            steps.append(_step(email, "member", "already", note, member.member_id))
        name = workspace_name(person)
        workspace = sigma.workspaces.find_by_name(name)
        permission = options.workspace_permission or WORKSPACE_PERMISSIONS.get(kind.lower(), "view")
        if workspace is None:
            steps.append(
                _step(email, "workspace", "create", f"create {name!r}, grant {permission}")
            )
        else:
            steps.append(
                _step(
                    email,
                    "workspace",
                    "already",
                    f"{name!r} is there; grant {permission} if not held",
                    workspace.workspace_id,
                )
            )
        for ref in person.teams:
            team = teams[ref]
            there = member is not None and member.member_id in in_team[team.team_id]
            steps.append(
                _step(
                    email,
                    f"team {team.name}",
                    "already" if there else "add",
                    "already in the team" if there else "add to the team",
                    team.team_id,
                )
            )
        grant = options.connection_permission or (
            "annotate" if kind.lower() in ANNOTATORS else "usage"
        )
        for ref in person.connections:
            conn = connections[ref]
            steps.append(
                _step(
                    email,
                    f"connection {conn.name}",
                    "grant",
                    f"grant {grant} if not held",
                    conn.connection_id,
                )
            )
    changes = sum(1 for s in steps if s["change"] not in ("already",))
    who = ", ".join(p.email for p in people[:3]) + (" ..." if len(people) > 3 else "")
    return Planned(steps, fingerprint(steps), f"onboard {who}: {changes} changes planned")


def _step(
    subject: str, step: str, change: str, message: str, id_: str | None = None
) -> dict[str, Any]:
    return {"subject": subject, "step": step, "change": change, "message": message, "id": id_}


def apply_onboard(
    sigma: Sigma, args: dict[str, Any], planned: Planned
) -> tuple[str, dict[str, Any]]:
    from ...workflows.onboard import onboard

    return _report(onboard(sigma, _onboard_options(args)), "email")


# -- team changes -------------------------------------------------------------------------


def _team_options(args: Mapping[str, Any], action: str, dry_run: bool) -> Any:
    from ...workflows.teams import TeamMembershipOptions

    return TeamMembershipOptions(
        team=args["team"],
        emails=list(args["emails"]),
        action="add" if action == "add" else "remove",
        dry_run=dry_run,
    )


def _plan_team(action: str) -> Callable[[Sigma, dict[str, Any]], Planned]:
    def plan(sigma: Sigma, args: dict[str, Any]) -> Planned:
        from ...workflows.teams import change_team_members

        report = change_team_members(sigma, _team_options(args, action, dry_run=True))
        steps = [i.to_dict("email") for i in report.items]
        verb = "add to" if action == "add" else "remove from"
        return Planned(steps, fingerprint(steps), f"{verb} {args['team']}: {report.summary()}")

    return plan


def _apply_team(action: str) -> Apply:
    def apply(sigma: Sigma, args: dict[str, Any], planned: Planned) -> tuple[str, dict[str, Any]]:
        from ...workflows.teams import change_team_members

        return _report(change_team_members(sigma, _team_options(args, action, False)), "email")

    return apply


# -- offboarding --------------------------------------------------------------------------


def _offboard_options(args: Mapping[str, Any]) -> Any:
    from ...workflows.offboard import OffboardOptions

    return OffboardOptions(
        member=args["member"],
        new_owner=args["new_owner"],
        stop_schedules=bool(args.get("stop_schedules", False)),
    )


def plan_offboard_action(sigma: Sigma, args: dict[str, Any]) -> Planned:
    from ...workflows.offboard import plan_offboard, plan_report

    plan = plan_offboard(sigma, _offboard_options(args))
    steps = [i.to_dict("email") for i in plan_report(plan).items]
    state = (plan.member.member_id, plan.member.is_archived, plan.member.is_inactive)
    return Planned(steps, fingerprint(steps, state), "; ".join(plan.lines()[:1]), plan)


def apply_offboard_action(
    sigma: Sigma, args: dict[str, Any], planned: Planned
) -> tuple[str, dict[str, Any]]:
    from ...workflows.offboard import apply_offboard

    # the plan read again just now, found the same as the one the agent saw
    return _report(apply_offboard(sigma, planned.context), "email")


# -- materialize --------------------------------------------------------------------------


def plan_materialize_action(sigma: Sigma, args: dict[str, Any]) -> Planned:
    from ...workflows.materialize import pick_schedules

    workbook = sigma.workbooks.resolve(args["workbook"])
    schedules = list(sigma.workbooks.materialization_schedules(workbook.workbook_id))
    chosen = pick_schedules(schedules, args.get("element"), bool(args.get("all")))
    steps = [
        _step(
            workbook.name,
            f"element {s.element_name or s.sheet_id}",
            "materialize",
            "start a materialization and wait for it",
            s.sheet_id,
        )
        for s in chosen
    ]
    args["workbook_id"] = workbook.workbook_id
    return Planned(
        steps, fingerprint(steps), f"materialize {len(steps)} element(s) of {workbook.name}"
    )


def apply_materialize(
    sigma: Sigma, args: dict[str, Any], planned: Planned
) -> tuple[str, dict[str, Any]]:
    from ...workflows.materialize import MaterializeOptions, materialize

    report = materialize(
        sigma,
        MaterializeOptions(
            args["workbook_id"],
            element=args.get("element"),
            all=bool(args.get("all")),
            timeout=float(args.get("timeout", 600)),
        ),
    )
    runs = [r.to_dict() for r in report.runs]
    done = ", ".join(f"{r['element']}: {r['status']}" for r in runs)
    return done, {"ok": report.ok, "workbookId": report.workbook_id, "runs": runs}


# -- exports ----------------------------------------------------------------------------


def _export_options(args: Mapping[str, Any]) -> Any:
    from ...workflows.export import ExportOptions

    return ExportOptions(
        workbook=args["workbook"],
        dest=args.get("dest"),
        format=args["format"],
        element=args.get("element"),
        page=args.get("page"),
        params=tuple((args.get("params") or {}).items()),
        date_ranges=tuple((args.get("date_ranges") or {}).items()),
        layout=args.get("layout"),
        row_limit=args.get("row_limit"),
        timeout=float(args.get("timeout", 600)),
    )


def plan_export_action(sigma: Sigma, args: dict[str, Any]) -> Planned:
    """The export checked and every name turned into an id (the workflow's plan_export,
    which sends no export), saved under the server's export folder by a bare file name."""
    from pathlib import Path

    from ...workflows.export import plan_export

    folder = Path(args["folder"])
    name = args.get("file_name")
    if name is not None and (not name.strip() or Path(name).name != name or name.startswith(".")):
        raise InputError(f"file_name {name!r} must be a plain file name (no folder, no leading .)")
    first = plan_export(sigma, _export_options({**args, "dest": None}))
    dest = folder / (name or Path(str(first.dest)).name)
    if dest.exists():
        raise InputError(f"{dest} exists; give another file_name")
    args["dest"] = str(dest)
    step = {
        "workbook": first.workbook.name,
        "workbookId": first.workbook.workbook_id,
        "elementId": first.element_id,
        "pageId": first.page_id,
        "parameters": first.parameters,
        "format": args["format"],
        "file": str(dest),
    }
    return Planned(
        [step], fingerprint(step), f"export {first.workbook.name} as {args['format']} to {dest}"
    )


def apply_export(
    sigma: Sigma, args: dict[str, Any], planned: Planned
) -> tuple[str, dict[str, Any]]:
    from pathlib import Path

    from ...workflows.export import export

    Path(args["folder"]).mkdir(parents=True, exist_ok=True)
    saved = export(sigma, _export_options(args))
    data = {"file": str(saved.path), "bytes": saved.size, "contentType": saved.content_type}
    return f"saved {saved.size:,} bytes to {saved.path}", data


# -- raw calls ----------------------------------------------------------------------------


def _raw_plan(delete: bool) -> Callable[[Sigma, dict[str, Any]], Planned]:
    def plan(sigma: Sigma, args: dict[str, Any]) -> Planned:
        from ..._raw import catalog, prepare

        method = str(args["method"]).strip().upper()
        if delete != (method == "DELETE"):
            raise InputError(
                "plan_api_delete is for DELETE"
                if delete
                else f"{method}: plan_api_call takes POST, PUT or PATCH (GET: api_request; "
                "DELETE: plan_api_delete)"
            )
        if method not in ("POST", "PUT", "PATCH", "DELETE"):
            raise InputError(f"{method} is not a method that changes anything")
        call = prepare(
            method,
            args["path"],
            params=args.get("query"),
            path_params=args.get("path_params"),
            base_url=sigma.base_url,
        )
        # what the change targets, as it is now, when the description has a GET for it
        state: Any = None
        template = call.operation.path if call.operation else ""
        if method != "POST" and "GET" in catalog().by_path.get(template, {}):
            state = sigma.request("GET", call.url)
        step = {
            "method": method,
            "path": call.url,
            "operation": call.operation.summary if call.operation else "",
            "query": call.params,
            "body": args.get("body"),
        }
        summary = f"{method} {call.url}" + (f" ({step['operation']})" if step["operation"] else "")
        return Planned([step], fingerprint(step, state), summary)

    return plan


def _raw_apply(sigma: Sigma, args: dict[str, Any], planned: Planned) -> tuple[str, dict[str, Any]]:
    method = str(args["method"]).strip().upper()
    answer = sigma.request(
        method,
        args["path"],
        params=args.get("query"),
        path_params=args.get("path_params"),
        json=args.get("body"),
    )
    return f"{method} done", {"answer": answer}


ACTIONS: dict[str, Action] = {
    "plan_onboard": Action(plan_onboard, apply_onboard),
    "plan_add_to_team": Action(_plan_team("add"), _apply_team("add")),
    "plan_remove_from_team": Action(_plan_team("remove"), _apply_team("remove")),
    "plan_offboard": Action(plan_offboard_action, apply_offboard_action),
    "plan_materialize": Action(plan_materialize_action, apply_materialize),
    "plan_export": Action(plan_export_action, apply_export),
    "plan_api_call": Action(_raw_plan(delete=False), _raw_apply),
    "plan_api_delete": Action(_raw_plan(delete=True), _raw_apply),
}

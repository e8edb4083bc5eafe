"""The steps of ``sigmakit demo``'s journey, in order (``STEPS``): each a function of the
:class:`Demo` it shares with the others."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from ..._client import Sigma
    from ...emulator import EmulatorServer


#: the embed credentials the demo signs with: a throwaway pair (the emulator never checks an
#: embed URL's signature), also written to the env file so `sigmakit embed sign` works
EMBED_CLIENT_ID = "demo-embed-client"
EMBED_SECRET = "demo-embed-secret-of-at-least-32-bytes"


@dataclass
class Demo:
    sigma: Sigma
    emulator: EmulatorServer
    console: Console
    out_dir: Path
    admin_id: str = ""
    notes: dict[str, Any] = field(default_factory=dict)

    def table(self, rows: list[dict[str, Any]], columns: list[str], title: str) -> None:
        from rich.table import Table

        table = Table(title=title, title_justify="left", header_style="bold")
        for c in columns:
            table.add_column(c)
        for row in rows:
            table.add_row(*(str(row.get(c, "")) for c in columns))
        self.console.print(table)


def step_token(d: Demo) -> None:
    token = d.sigma.token()
    me = d.sigma.whoami()
    admin = d.sigma.members.get(me.user_id)
    d.console.print(
        f"Got an access token (valid {token.lifetime / 60:.0f} min, kept out of sight) for "
        f"[bold]{admin.name}[/bold] <{admin.email}>, account type {admin.member_type}."
    )


def step_members(d: Demo) -> None:
    members = list(d.sigma.members.list(page_size=25))
    pages = -(-len(members) // 25)
    types = Counter(m.member_type for m in members)
    d.console.print(
        f"Listed all {len(members)} active members in {pages} pages of 25 "
        f"({', '.join(f'{n} {t}' for t, n in types.most_common())})."
    )
    d.table(
        [m.to_dict() for m in members[:5]],
        ["email", "firstName", "lastName", "memberType"],
        "The first five",
    )


def step_member_lifecycle(d: Demo) -> None:
    from ...workflows.people import change_email, deactivate, reactivate

    member = d.sigma.members.create(
        email="jordan.lee@northwind.example",
        first_name="Jordan",
        last_name="Lee",
        member_type="Lite",
        send_invite=False,
    )
    d.console.print(f"Created {member.name} <{member.email}> as {member.member_type}.")
    moved = change_email(d.sigma, "JORDAN.LEE@northwind.example", "jordan@northwind.example")
    d.console.print(f"Found them by email (any case) and changed it to {moved.email}.")
    updated = d.sigma.members.update(moved.member_id, member_type="Pro")
    d.console.print(f"Changed their account type to {updated.member_type}.")
    d.console.print(f"Deactivated: {deactivate(d.sigma, updated.email).message}.")
    d.console.print(f"Reactivated: {reactivate(d.sigma, updated.email).message}.")


def step_onboard(d: Demo) -> None:
    from ...workflows.onboard import OnboardOptions, Person, onboard

    connection = next(iter(d.sigma.connections.list()))
    person = Person(
        "ada.lovelace@northwind.example",
        "Ada",
        "Lovelace",
        "Pro",
        teams=("Sales", "Data"),
        connections=(connection.name,),
    )
    first = onboard(d.sigma, OnboardOptions(people=[person]))
    d.table(
        [i.to_dict() for i in first.items],
        ["step", "status", "message"],
        f"Onboarding {person.email}: member, workspace, grant, teams, connection",
    )
    again = onboard(d.sigma, OnboardOptions(people=[person]))
    d.console.print(f"Run again, it changes nothing: {again.summary()}.")
    d.notes["new_person"] = person.email


def step_bulk_teams(d: Demo) -> None:
    from ...workflows.teams import TeamMembershipOptions, change_team_members

    emails = [m.email.upper() for m in d.sigma.members.list(limit=40)]
    emails.append("nobody@northwind.example")
    before = d.sigma.requests_sent
    report = change_team_members(d.sigma, TeamMembershipOptions(team="Marketing", emails=emails))
    sent = d.sigma.requests_sent - before
    d.console.print(
        f"Bulk-assigned {len(emails)} emails (any case) to Marketing: {report.summary()}, "
        f"in {sent} requests (find the team, list the members, list the team, one PATCH)."
    )
    unknown = [i.subject for i in report.items if i.status == "unknown"]
    d.console.print(f"Reported, not guessed: unknown {', '.join(unknown)}.")


def step_workbooks(d: Demo) -> None:
    from ...workflows.member_workbooks import shared_with

    workbooks = list(d.sigma.workbooks.list(skip_permission_check=True))
    d.console.print(f"The organization has {len(workbooks)} workbooks.")
    owners = Counter(w.owner_id for w in workbooks)
    someone = d.sigma.members.get(next(o for o, _ in owners.most_common() if o != d.admin_id))
    shared = shared_with(d.sigma, someone.member_id)
    d.table(
        [{"name": w.name, "permission": w.permission, "path": w.path} for w in shared[:5]],
        ["name", "permission", "path"],
        f"Shared with {someone.email} (reachable, not theirs): {len(shared)}",
    )


def step_input_tables(d: Demo) -> None:
    from ...workflows.input_tables import find_input_tables

    before = d.sigma.requests_sent
    report = find_input_tables(d.sigma)
    d.console.print(
        f"Scanned {report.workbooks_scanned} workbooks, every page, 8 at a time, in "
        f"{d.sigma.requests_sent - before} requests: {len(report.tables)} input tables, "
        f"{len(report.failures)} failures."
    )
    d.table(
        [t.to_dict() for t in report.tables[:5]], ["workbook", "page", "element"], "The first five"
    )


def step_materialize(d: Demo) -> None:
    from ...workflows.materialize import MaterializeOptions, materialize

    workbook = d.sigma.workbooks.resolve("Sales Overview")
    seen: list[str] = []

    def note(report: Any) -> None:
        for run in report.runs:
            if not seen or seen[-1] != run.status:
                seen.append(run.status)

    report = materialize(
        d.sigma,
        MaterializeOptions(workbook.workbook_id, element="Orders", poll_interval=0.5),
        on_progress=note,
    )
    run = report.runs[0]
    d.console.print(
        f"Materialized {run.element_name!r} of {workbook.name!r}: {' -> '.join(seen)} "
        f"(job {run.materialization_id})."
    )


def step_exports(d: Demo) -> None:
    from ...workflows.export import ExportOptions, export

    out = d.out_dir
    csv_file = export(
        d.sigma,
        ExportOptions(
            workbook="Sales Overview",
            element="Orders",
            format="csv",
            date_ranges=(("DateFilter", "2024-01-01..2024-03-31"),),
            params=(("Region", "West,East"),),
            dest=out / "orders-2024-q1.csv",
            poll_interval=0.5,
            overwrite=True,  # the demo's own file in its own folder, from an earlier run
        ),
    )
    with csv_file.path.open() as fh:
        rows = sum(1 for _ in fh) - 1
    d.console.print(
        f"Exported Orders for Q1 2024 in the West and East regions: {rows} rows, "
        f"{csv_file.size:,} bytes -> {csv_file.path}"
    )
    pdf_file = export(
        d.sigma,
        ExportOptions(
            workbook="Sales Overview",
            element="Orders",
            format="pdf",
            layout="landscape",
            row_limit=50,
            dest=out / "orders.pdf",
            poll_interval=0.5,
            overwrite=True,
        ),
    )
    d.console.print(f"Exported a landscape PDF: {pdf_file.size:,} bytes -> {pdf_file.path}")


def step_copy(d: Demo) -> None:
    person = d.sigma.members.resolve(d.notes.get("new_person", "admin@northwind.example"))
    workbook = d.sigma.workbooks.resolve("Sales Overview")
    copy = d.sigma.workbooks.copy(
        workbook.workbook_id,
        destination_folder_id=str(person.home_folder_id),
        name=f"{workbook.name} (copy for {person.first_name})",
    )
    d.console.print(
        f"Copied {workbook.name!r} into {person.email}'s {copy.path}/ as {copy.name!r}, "
        f"owned by the caller."
    )


def step_embed(d: Demo) -> None:
    import jwt

    from ..._settings import Secret
    from ...embed import EmbedSigner, embed_target_url

    secret = EMBED_SECRET
    signer = EmbedSigner(EMBED_CLIENT_ID, Secret(secret))
    workbook = d.sigma.workbooks.resolve("Sales Overview")
    page = next(iter(d.sigma.workbooks.pages(workbook.workbook_id)))
    url = signer.sign_url(
        embed_target_url(workbook, page_id=page.page_id),
        "viewer@partner.example",
        ttl=3600,
        account_type="Lite",
        teams=("Sales",),
        user_attributes={"Region": "West"},
    )
    token = url.split(":jwt=")[1].split("&")[0]
    claims = jwt.decode(token, secret, algorithms=["HS256"])
    d.console.print(f"Signed an embed URL for page {page.name!r}: {url[:90]}...")
    d.console.print(
        f"Its JWT (HS256, kid {jwt.get_unverified_header(token)['kid']}): viewer {claims['sub']}, "
        f"teams {claims['teams']}, expires in {claims['exp'] - claims['iat']} s."
    )


def step_summary(d: Demo) -> None:
    stats = d.emulator.state.stats.snapshot()
    d.console.print(
        f"The emulator answered {stats['total']} API requests; "
        f"{stats['routes'].get('POST /v2/auth/token', 0)} of them for a token."
    )


STEPS: list[tuple[str, Callable[[Demo], None]]] = [
    ("Get a token and say who we are", step_token),
    ("List members, every page", step_members),
    ("Create, find, re-email, update, deactivate and reactivate a member", step_member_lifecycle),
    ("Onboard a new person in one call, twice", step_onboard),
    ("Bulk-assign a team from a list of emails", step_bulk_teams),
    ("Workbooks, and what is shared with a member", step_workbooks),
    ("Find every input table", step_input_tables),
    ("Materialize an element and wait for it", step_materialize),
    ("Export a CSV with a date range, and a PDF", step_exports),
    ("Copy a workbook into a member's My Documents", step_copy),
    ("Sign a secure embed URL", step_embed),
    ("What it took", step_summary),
]

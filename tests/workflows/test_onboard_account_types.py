"""Onboarding with the QuickStart's account types (Viewer, Creator), as the organization
spells them, and the permissions each gives."""

from __future__ import annotations

from sigmakit import Sigma
from sigmakit.workflows.onboard import OnboardOptions, Person, onboard

CONNECTION = "Northwind Snowflake"


def permissions_of(sigma: Sigma, email: str) -> tuple[str, str, str]:
    """(account type, workspace permission, connection permission) for a member."""
    member = sigma.members.find_by_email(email)
    assert member is not None
    workspace = sigma.workspaces.find_by_name(email.lower())
    assert workspace is not None
    grants = sigma.workspaces.grants(workspace.workspace_id)
    on_workspace = next(g.permission for g in grants if g.member_id == member.member_id)
    connection = sigma.connections.resolve(CONNECTION)
    on_connection = next(
        g.permission
        for g in sigma.connections.grants(connection.connection_id)
        if g.member_id == member.member_id
    )
    return member.member_type, on_workspace, on_connection


def test_viewer_and_creator_in_any_case(sigma: Sigma) -> None:
    people = [
        Person("vee@example.com", "Vee", "Ewer", "viewer", connections=(CONNECTION,)),
        Person("cree@example.com", "Cree", "Ator", "CREATOR", connections=(CONNECTION,)),
        Person("ex@example.com", "Ex", "Plorer", "Explorer", connections=(CONNECTION,)),
    ]
    report = onboard(sigma, OnboardOptions(people=people))
    assert report.ok, report.items
    assert permissions_of(sigma, "vee@example.com") == ("Viewer", "view", "usage")
    assert permissions_of(sigma, "cree@example.com") == ("Creator", "organize", "annotate")
    assert permissions_of(sigma, "ex@example.com") == ("Explorer", "explore", "usage")

"""``sigma.members.revoke_tokens``: a member's OAuth refresh tokens, against the emulator
(which has no single sign-on, so there are none to revoke)."""

from __future__ import annotations

import pytest

from sigmakit import NotFoundError, Sigma


def test_revoke_a_members_tokens(sigma: Sigma) -> None:
    member = next(iter(sigma.members.list()))
    assert sigma.members.revoke_tokens(member.member_id) == 0
    with pytest.raises(NotFoundError, match="Member not found"):
        sigma.members.revoke_tokens("nobody")

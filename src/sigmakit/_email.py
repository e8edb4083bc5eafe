"""What sigmakit takes for an email address, in one place (the people files, the member
and team commands, the embed signer's viewer)."""

from __future__ import annotations

import re

__all__ = ["is_email"]

#: one @, a dot in the domain, no spaces, and no list separators (a people file's cell
#: may hold several addresses split by , or ;)
_EMAIL = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$")


def is_email(text: str) -> bool:
    return bool(_EMAIL.match(text))

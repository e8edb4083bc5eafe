"""Bulk team assignment: 1,000 emails into a team of an organization of 5,000 members, with
20 ms added to every request, against the QuickStart's own method (for each email a
``search`` list call, then a PATCH adding that one member).

The baseline runs on a sample of emails and is scaled to the full count (it is linear:
two requests per email); the output says so. Prints figures and the ratio; asserts nothing.

    python benchmarks/bulk_assign.py [--members 5000] [--emails 1000] [--latency-ms 20]
                                     [--baseline-sample 100]
"""

from __future__ import annotations

import argparse
import secrets
import sys
import time

from sigmakit import Sigma
from sigmakit.emulator import EmulatorConfig, EmulatorServer, FaultConfig, SeedSizes
from sigmakit.workflows.teams import TeamMembershipOptions, change_team_members


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=5000)
    parser.add_argument("--emails", type=int, default=1000)
    parser.add_argument("--latency-ms", type=float, default=20.0)
    parser.add_argument("--baseline-sample", type=int, default=100)
    return parser.parse_args(argv)


def quickstart_way(sigma: Sigma, team_id: str, emails: list[str]) -> None:
    """Sigma's QuickStart recipe: per email, search the member, then PATCH them in."""
    for email in emails:
        found = [m for m in sigma.members.list(search=email) if m.email.lower() == email.lower()]
        sigma.teams.update_members(team_id, add=[found[0].member_id])


def main(argv: list[str]) -> int:
    args = parse(argv)
    client_id, secret = "bench-" + secrets.token_hex(6), secrets.token_urlsafe(24)
    config = EmulatorConfig(
        client_id=client_id,
        client_secret=secret,
        seed=11,
        sizes=SeedSizes(members=args.members),
        faults=FaultConfig(latency_ms=args.latency_ms),
    )
    with (
        EmulatorServer(config) as emulator,
        Sigma(base_url=emulator.base_url, client_id=client_id, client_secret=secret) as sigma,
    ):
        rows = emulator.state.store.db.all(
            "SELECT email FROM members WHERE is_archived = 0 AND is_inactive = 0 "
            "ORDER BY seq LIMIT ?",
            (args.emails,),
        )
        emails = [r["email"] for r in rows]
        if len(emails) < args.emails:
            print(f"only {len(emails)} active members; use a larger --members", file=sys.stderr)
            return 2
        ours_team = sigma.teams.create(name="Bench: sigmakit")
        baseline_team = sigma.teams.create(name="Bench: QuickStart")
        sigma.token()  # both sides start with a token

        sent = sigma.requests_sent
        started = time.perf_counter()
        report = change_team_members(sigma, TeamMembershipOptions(ours_team.name, emails))
        ours_seconds = time.perf_counter() - started
        ours_requests = sigma.requests_sent - sent
        assert report.ok and report.counts() == {"changed": len(emails)}, report.summary()

        sample = emails[: args.baseline_sample]
        sent = sigma.requests_sent
        started = time.perf_counter()
        quickstart_way(sigma, baseline_team.team_id, sample)
        scale = len(emails) / len(sample)
        base_seconds = (time.perf_counter() - started) * scale
        base_requests = (sigma.requests_sent - sent) * scale

    print(
        f"organization: {args.members} members; {len(emails)} emails into a team; "
        f"{args.latency_ms:g} ms added per request"
    )
    print(f"sigmakit teams bulk-assign : {ours_requests:6d} requests  {ours_seconds:8.2f} s")
    note = f"  (measured on {len(sample)} emails, scaled x{scale:g})" if scale != 1 else ""
    print(
        f"QuickStart, one at a time  : {base_requests:6.0f} requests  {base_seconds:8.2f} s{note}"
    )
    print(
        f"ratio: {base_seconds / ours_seconds:.0f}x faster, "
        f"{base_requests / ours_requests:.0f}x fewer requests"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

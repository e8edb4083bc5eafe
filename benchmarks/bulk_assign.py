"""Bulk team assignment: 1,000 emails into a team of an organization of 5,000 members, with
20 ms added to every request, against the QuickStart's own method (for each email a list
call, then a PATCH adding that one member; the QuickStart's ``search`` filter, removed by
Sigma on 2026-09-15, is ``email`` here).

Users run the command, so the headline figure is ``sigmakit teams bulk-assign`` as a whole
process, start to exit (interpreter, imports, settings, cached token, requests, output),
with bytecode caching on as on a user's machine; the workflow timed inside an
already-started process is printed beside it. The emulator runs as its own process. Each
figure is the median of several runs (each into a team of its own); the machine may be
shared, so the spread is printed too.

The baseline runs on a sample of emails and is scaled to the full count (it is linear:
two requests per email); the output says so. Prints figures and the ratio; asserts nothing.

    python benchmarks/bulk_assign.py [--members 5000] [--emails 1000] [--latency-ms 20]
                                     [--baseline-sample 100] [--runs 5]
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from _common import (
    Served,
    cli_env,
    client,
    import_profile,
    process_cpu,
    served,
    sigmakit_command,
    sigmakit_python_args,
)

from sigmakit import Sigma
from sigmakit.emulator import EmulatorServer
from sigmakit.workflows.teams import TeamMembershipOptions, change_team_members


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=5000)
    parser.add_argument("--emails", type=int, default=1000)
    parser.add_argument("--latency-ms", type=float, default=20.0)
    parser.add_argument("--baseline-sample", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    return parser.parse_args(argv)


def quickstart_way(sigma: Sigma, team_id: str, emails: list[str]) -> None:
    """Sigma's QuickStart recipe: per email, look the member up, then PATCH them in."""
    for email in emails:
        found = [m for m in sigma.members.list(email=email) if m.email.lower() == email.lower()]
        sigma.teams.update_members(team_id, add=[found[0].member_id])


def stats(server: Served, reset: bool = False) -> dict[str, int]:
    url = f"{server.base_url}/__emulator/stats"
    if reset:
        httpx.delete(url, headers={"content-type": "application/json"}).raise_for_status()
        return {}
    routes: dict[str, int] = httpx.get(url).json()["routes"]
    return {route: n for route, n in routes.items() if n}


def spread(values: list[float]) -> str:
    return (
        f"median {statistics.median(values):.2f} s (min {min(values):.2f}, max {max(values):.2f})"
    )


def main(argv: list[str]) -> int:
    args = parse(argv)
    emails: list[str] = []

    def pick_emails(emulator: EmulatorServer) -> None:
        rows = emulator.state.store.db.all(
            "SELECT email FROM members WHERE is_archived = 0 AND is_inactive = 0 "
            "ORDER BY seq LIMIT ?",
            (args.emails,),
        )
        emails.extend(r["email"] for r in rows)

    org = served(pick_emails, latency_ms=args.latency_ms, members=args.members, workbooks=0)
    with org as server, client(server) as sigma, tempfile.TemporaryDirectory() as folder:
        if len(emails) < args.emails:
            print(f"only {len(emails)} active members; use a larger --members", file=sys.stderr)
            return 2
        everyone = sum(1 for _ in sigma.members.list(include_archived=True, include_inactive=True))
        people = Path(folder) / "emails.txt"
        people.write_text("\n".join(emails) + "\n")
        sigma.token()  # the in-process runs start with a token, as the command's do (cached)

        # -- the command, as users run it: a new process each time, its token cached -------
        env = {
            **cli_env(server),
            "SIGMAKIT_CACHE_DIR": str(Path(folder) / "cache"),
        }
        env.pop("SIGMAKIT_NO_TOKEN_CACHE")
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # .pyc files written and used, as for users

        def command(team: str) -> list[str]:
            return [*sigmakit_command(), "teams", "bulk-assign", team, "--emails", str(people)]

        sigma.teams.create(name="Bench: warm-up")
        # fills the token cache and the .pyc files; not timed
        subprocess.run(command("Bench: warm-up"), env=env, check=True, capture_output=True)
        command_seconds: list[float] = []
        command_cpu: list[float] = []
        emulator_cpu: list[float] = []
        routes: dict[str, int] = {}
        for run in range(args.runs):
            team = sigma.teams.create(name=f"Bench: command {run}").name
            stats(server, reset=True)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            served_before = process_cpu(server.pid)
            started = time.perf_counter()
            done = subprocess.run(command(team), env=env, capture_output=True, text=True)
            command_seconds.append(time.perf_counter() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            command_cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
            emulator_cpu.append(process_cpu(server.pid) - served_before)
            if done.returncode != 0:
                print(f"the command failed: {done.stderr.strip()}", file=sys.stderr)
                return 1
            routes = stats(server)

        # -- where the command's start-up goes: its imports (a dry run: the same imports) ----
        print(
            f"import-time profile of `sigmakit teams bulk-assign` ({len(emails)} emails, dry run):"
        )
        dry_run = ["teams", "bulk-assign", "Bench: warm-up", "--emails", str(people), "--dry-run"]
        imports = import_profile([*sigmakit_python_args(), *dry_run], env)
        print()

        # -- the same workflow inside this already-started process ---------------------------
        inproc_seconds: list[float] = []
        for run in range(args.runs):
            team = sigma.teams.create(name=f"Bench: in-process {run}")
            started = time.perf_counter()
            report = change_team_members(sigma, TeamMembershipOptions(team.name, emails))
            inproc_seconds.append(time.perf_counter() - started)
            assert report.ok and report.counts() == {"changed": len(emails)}, report.summary()

        # -- the QuickStart's way, on a sample ----------------------------------------------
        baseline_team = sigma.teams.create(name="Bench: QuickStart")
        sample = emails[: args.baseline_sample]
        sent = sigma.requests_sent
        started = time.perf_counter()
        quickstart_way(sigma, baseline_team.team_id, sample)
        scale = len(emails) / len(sample)
        base_seconds = (time.perf_counter() - started) * scale
        base_requests = (sigma.requests_sent - sent) * scale

    ours = statistics.median(command_seconds)
    sent_by_command = sum(routes.values())
    print(
        f"organization: {everyone} members; {len(emails)} emails into a team; "
        f"{args.latency_ms:g} ms added per request; {args.runs} runs each (machine may be shared)"
    )
    print(
        f"sigmakit teams bulk-assign, the command (start to exit): {sent_by_command} requests, "
        f"{spread(command_seconds)}"
    )
    floor = {
        "GET /v2/teams": 1,
        "GET /v2/members": math.ceil(everyone / 1000),
        "GET /v2/teams/{teamId}/members": 1,  # the team starts empty: one (empty) page
        "PATCH /v2/teams/{teamId}/members": math.ceil(len(emails) / 1000),
    }
    for route, n in sorted(routes.items()):
        print(f"    {route:34s} {n:3d}   (floor {floor.get(route, 0)})")
    print(f"    request floor x latency: {sum(floor.values()) * args.latency_ms / 1000:.2f} s")
    print(
        f"    CPU per run (medians): the command {statistics.median(command_cpu):.2f} s, the "
        f"emulator serving it {statistics.median(emulator_cpu):.2f} s (less swayed than wall "
        "time by a shared machine)"
    )
    print(f"    imports at start-up: {imports:.2f} s (profile above)")
    print(f"the workflow inside a started process: {spread(inproc_seconds)}")
    note = f"  (measured on {len(sample)} emails, scaled x{scale:g})" if scale != 1 else ""
    print(f"QuickStart, one at a time: {base_requests:.0f} requests, {base_seconds:.2f} s{note}")
    print(
        f"the command: {ours:.2f} s against a target of {base_seconds / 100:.2f} s "
        f"(100x the QuickStart's {base_seconds:.1f} s); the workflow alone "
        f"{statistics.median(inproc_seconds):.2f} s, start-up and exit the rest"
    )
    print(
        f"ratio, the command: {base_seconds / ours:.0f}x faster (target >= 100x), "
        f"{base_requests / sent_by_command:.0f}x fewer requests; in-process: "
        f"{base_seconds / statistics.median(inproc_seconds):.0f}x faster"
    )
    return 0


if __name__ == "__main__":
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):  # the command is timed with .pyc files
        os.environ.pop("PYTHONDONTWRITEBYTECODE")
    sys.exit(main(sys.argv[1:]))

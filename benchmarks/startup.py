"""How fast the ``sigmakit`` command starts, as a user starts it: each figure is the median
wall time of several runs, each a new process, with bytecode caching on (the .pyc files
are written by a first, untimed run and used after, as on a user's machine). The
commands are run in turns, so a busy machine slows each about alike; the ratios are to
``python -c pass`` from the same environment.

Targets: ``sigmakit --help`` within 3x the bare interpreter; any command's ``--help``
within 2.5x; ``sigmakit auth check`` with a cached token within 0.15 s of the bare
interpreter plus its requests (whoami and the member; timed in a started client).

Then the import-time profile (``python -X importtime``, the least of 5 runs per module)
of ``--help`` and ``auth check``: what a start-up spends its imports on.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

from _common import (
    cli_env,
    client,
    import_profile,
    served,
    sigmakit_command,
    sigmakit_python_args,
)

RUNS = 15
GROUPS = ("auth", "members", "teams", "workbooks", "connections", "embed", "emulator")
LEAVES = (("onboard",), ("demo",), ("teams", "bulk-assign"), ("workbooks", "export"))


def user_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {**os.environ, **(extra or {})}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a user's machine writes and uses .pyc files
    return env


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds): CPU time (user + system) is less swayed by other work
    on a shared machine than wall time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    took = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return took, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def medians(
    commands: dict[str, list[str]], env: dict[str, str]
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Each command run RUNS times, in turns, after one untimed run of each (which writes
    the .pyc files and caches a token): (wall times, CPU times) by name."""
    for command in commands.values():
        run_once(command, env)
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(RUNS):
        for name, command in commands.items():
            wall, cpu = run_once(command, env)
            walls[name].append(wall)
            cpus[name].append(cpu)
    return walls, cpus


def main() -> None:
    sigmakit = sigmakit_command()
    env = user_env()
    helps = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "sigmakit --help": [*sigmakit, "--help"],
    }
    for path in [(g,) for g in GROUPS] + list(LEAVES):
        helps[f"sigmakit {' '.join(path)} --help"] = [*sigmakit, *path, "--help"]
    times, cpu = medians(helps, env)
    bare_cpu = statistics.median(cpu["python -c pass"])
    bare = statistics.median(times["python -c pass"])
    print(f"wall time, median of {RUNS} runs each (the machine may be shared with other work):")
    for name, values in times.items():
        median = statistics.median(values)
        print(
            f"  {name:40s} {median * 1000:6.0f} ms  {median / bare:4.1f}x  "
            f"(min {min(values) * 1000:.0f}, max {max(values) * 1000:.0f}; "
            f"CPU {statistics.median(cpu[name]) * 1000:.0f} ms, "
            f"{statistics.median(cpu[name]) / bare_cpu:.1f}x)"
        )
    root = statistics.median(times["sigmakit --help"]) / bare
    worst_name, worst = max(
        ((n, statistics.median(v) / bare) for n, v in times.items() if n.count(" ") > 1),
        key=lambda item: item[1],
    )
    print(f"sigmakit --help: {root:.1f}x the bare interpreter (target <= 3x)")
    print(f"slowest command --help: {worst_name}, {worst:.1f}x (target <= 2.5x)")

    org = served(members=20, teams=2, workspaces=1, connections=1, workbooks=0)
    with org as server, tempfile.TemporaryDirectory() as cache:
        check_env = user_env({**cli_env(server), "SIGMAKIT_CACHE_DIR": cache})
        check_env.pop("SIGMAKIT_NO_TOKEN_CACHE")
        check, check_cpu = medians(
            {
                "python -c pass": helps["python -c pass"],
                "auth check": [*sigmakit, "auth", "check"],
            },
            check_env,  # the untimed first run caches the token
        )
        with client(server) as sigma:
            sigma.token()
            sigma.members.get(sigma.whoami().user_id)  # a warm connection, as the command's
            requests: list[float] = []
            for _ in range(RUNS):
                started = time.perf_counter()
                sigma.members.get(sigma.whoami().user_id)
                requests.append(time.perf_counter() - started)
        bare_c = statistics.median(check["python -c pass"])
        took = statistics.median(check["auth check"])
        sent = statistics.median(requests)
        print(
            f"sigmakit auth check (token cached): {took * 1000:.0f} ms; bare interpreter "
            f"{bare_c * 1000:.0f} ms; its 2 requests in a started client {sent * 1000:.0f} ms"
        )
        print(
            f"  start-up cost beyond the interpreter and the requests: "
            f"{(took - bare_c - sent) * 1000:.0f} ms (target <= 150 ms); in CPU time "
            f"{(statistics.median(check_cpu['auth check']) - statistics.median(check_cpu['python -c pass'])) * 1000:.0f} ms "
            "beyond the interpreter's"
        )
        print("\nimport-time profile of `sigmakit auth check`:")
        import_profile([*sigmakit_python_args(), "auth", "check"], check_env)
    print("\nimport-time profile of `sigmakit --help`:")
    import_profile([*sigmakit_python_args(), "--help"], env)


if __name__ == "__main__":
    main()

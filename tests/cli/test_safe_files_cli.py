"""No file destroyed: ``workbooks export --out``, ``emulator serve --env-file`` and ``--db``
replace an existing file only when asked, write into a FIFO or a device instead of
replacing it, follow a symlink, and set a mode only on a file they created."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from tests.support.helpers import run
from tests.support.processes import free_port, sigmakit_command
from tests.support.workbook_jobs import job_mode, jobs_started

from sigmakit.emulator import EmulatorServer

EXPORT = ("workbooks", "export", "Sales Overview", "--element", "Orders", "--format", "csv")


@pytest.fixture
def immediate(emulator: EmulatorServer, cli_env: None) -> EmulatorServer:
    job_mode(emulator, "immediate")
    return emulator


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder of its own (``cli_env`` keeps its home and work folders in ``tmp_path``)."""
    made = tmp_path / "out"
    made.mkdir()
    return made


def test_an_existing_file_is_kept_without_force_and_replaced_with_it(
    immediate: EmulatorServer, folder: Path
) -> None:
    dest = folder / "orders.csv"
    dest.write_bytes(b"my own work\n")
    dest.chmod(0o640)
    code, out, err = run(*EXPORT, "--out", str(dest))
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "already exists" in err and "--force" in err
    assert dest.read_bytes() == b"my own work\n"
    assert jobs_started(immediate) == []  # refused before any export was asked for

    code, out, err = run(*EXPORT, "--out", str(dest), "--force")
    assert code == 0, err
    assert dest.read_text().startswith("Order")
    assert stat.S_IMODE(dest.stat().st_mode) == 0o640  # the replacement keeps the mode
    assert sorted(p.name for p in folder.iterdir()) == ["orders.csv"]


def test_the_default_file_name_is_not_overwritten_either(
    immediate: EmulatorServer, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(folder)
    assert run(*EXPORT)[0] == 0
    (written,) = folder.iterdir()
    written.write_bytes(b"edited")
    code, _, err = run(*EXPORT)
    assert code == 2 and "already exists" in err
    assert written.read_bytes() == b"edited"


def test_a_fifo_is_written_into_not_replaced(immediate: EmulatorServer, folder: Path) -> None:
    fifo = folder / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    code, _, err = run(*EXPORT, "--out", str(fifo))
    reader.join(timeout=30)
    assert code == 0, err
    assert got and got[0].startswith(b"Order")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert [p.name for p in folder.iterdir()] == ["pipe"]  # no temporary file left


def test_a_device_is_written_into_and_stays_a_device(
    immediate: EmulatorServer, folder: Path
) -> None:
    """A null device of the test's own (root may make one): the code before this change
    renamed a regular file over the device, and the real /dev/null must never be at stake."""
    device = folder / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:  # not root: nobody can replace /dev/null, so it is safe to use
        device = Path(os.devnull)
    code, _, err = run(*EXPORT, "--out", str(device))
    assert code == 0, err
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_stdout_sent_to_a_file_is_written_through_dev_fd(
    immediate: EmulatorServer, cli_env: dict[str, str], folder: Path
) -> None:
    """``/dev/fd/1`` (what ``/dev/stdout`` is, by the same rule): not ``/dev/stdout`` itself,
    which the code before this change, run as root, would have replaced in /dev."""
    dest = folder / "out.csv"
    with dest.open("w") as out:
        done = subprocess.run(
            [*sigmakit_command(), *EXPORT, "--out", "/dev/fd/1"],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, **cli_env},
            timeout=60,
        )
    assert done.returncode == 0, done.stderr
    assert dest.read_text().startswith("Order")
    assert [p.name for p in folder.iterdir()] == ["out.csv"]


def test_a_symlink_is_followed_and_stays_a_symlink(immediate: EmulatorServer, folder: Path) -> None:
    target = folder / "real.csv"
    target.write_bytes(b"keep me")
    link = folder / "link.csv"
    link.symlink_to(target)
    code, _, err = run(*EXPORT, "--out", str(link))
    assert code == 2 and "already exists" in err
    assert target.read_bytes() == b"keep me"

    assert run(*EXPORT, "--out", str(link), "--force")[0] == 0
    assert link.is_symlink() and link.resolve() == target
    assert target.read_text().startswith("Order")

    dangling = folder / "dangling.csv"
    dangling.symlink_to(folder / "nowhere" / "x.csv")
    code, _, err = run(*EXPORT, "--out", str(dangling))
    assert code == 2 and "does not exist" in err
    assert dangling.is_symlink() and not (folder / "nowhere").exists()


def _serve(env_file: Path, *extra: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """``emulator serve --env-file``, stopped once it wrote the file (or ended by itself)."""
    env = {
        **os.environ,
        "SIGMA_EMULATOR_CLIENT_ID": "emu-id",
        "SIGMA_EMULATOR_CLIENT_SECRET": "emu-secret-123",
    }
    before = env_file.read_bytes() if env_file.exists() else None
    command = [*sigmakit_command(), "emulator", "serve", "--port", str(free_port())]
    proc = subprocess.Popen(
        [*command, "--env-file", str(env_file), *extra],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        import time

        deadline = time.monotonic() + timeout
        while proc.poll() is None and time.monotonic() < deadline:
            now = env_file.read_bytes() if env_file.exists() else None
            if now != before and now and now.endswith(b"\n"):
                break
            time.sleep(0.1)
    finally:
        if proc.poll() is None:
            proc.terminate()
        out, err = proc.communicate(timeout=30)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


QUICKSTART = b"SIGMA_CLIENT_ID=real-id\nSIGMA_CLIENT_SECRET=real-secret\nWORKBOOK_ID=abc\n"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_a_quickstart_env_file_is_never_overwritten_without_force(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_bytes(QUICKSTART)
    env_file.chmod(0o644)
    done = _serve(env_file)
    assert done.returncode == 2, done.stderr
    assert "already exists and holds other credentials; --force replaces it" in done.stderr
    assert "real-secret" not in done.stderr + done.stdout
    assert env_file.read_bytes() == QUICKSTART
    assert stat.S_IMODE(env_file.stat().st_mode) == 0o644


@pytest.mark.slow
def test_the_emulators_own_env_file_is_rewritten_and_force_replaces_any(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    first = _serve(env_file)
    assert "emu-secret-123" in env_file.read_text(), first.stderr
    assert stat.S_IMODE(env_file.stat().st_mode) == 0o600
    old = env_file.read_text()
    _serve(env_file)  # the same credentials: its own file, rewritten for the new port
    assert env_file.read_text() != old and "SIGMA_CLIENT_ID=emu-id\n" in env_file.read_text()

    env_file.write_bytes(QUICKSTART)
    _serve(env_file, "--force")
    assert "SIGMA_CLIENT_SECRET=emu-secret-123\n" in env_file.read_text()

"""Writing a file the user named without destroying anything on the way.

- A regular file (or a new path) gets a hidden temporary file beside it, renamed into place
  once complete: a failure leaves neither a partial file nor the temporary one. An existing
  file is replaced only when asked (``overwrite``); without it, the rename is a hard link
  that fails if the name was taken meanwhile.
- A symlink is followed: its target is what is written (and what ``overwrite`` is about);
  the link itself stays. A link to nothing is refused.
- A FIFO or a character device (``/dev/null``, a terminal), and whatever ``/dev/stdout``
  or ``/dev/fd/N`` leads to, is written straight into (appended to), never replaced; any
  other kind of file (a folder, a block device, a socket) is refused.
- A mode is set only on a file sigmakit created itself, never on a path that existed.

And reading a file the user named (``-F key=@FILE``, ``--input``, a list of people or of
emails) stops at :data:`MAX_INPUT_BYTES`: ``@/dev/zero`` is an error, not a hang.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Literal

from ._errors import InputError

__all__ = ["MAX_INPUT_BYTES", "Kind", "destination", "read_bounded", "write_file"]

#: the most sigmakit reads of a file given as input (10 MiB)
MAX_INPUT_BYTES = 10 * 1024 * 1024

#: paths that stand for a descriptor already open (``/dev/stdout``, ``/dev/fd/3``): whatever
#: they lead to is written into, never replaced (the shell that opened it would not see it)
_DESCRIPTORS = ("/dev/stdout", "/dev/stderr", "/dev/fd/", "/proc/self/fd/")

#: ``new``: nothing there yet; ``file``: an existing regular file; ``stream``: a FIFO or a
#: character device, written straight into
Kind = Literal["new", "file", "stream"]


def destination(path: str | os.PathLike[str], *, overwrite: bool = False) -> tuple[Path, Kind]:
    """Where writing ``path`` goes (a symlink's target) and what it is there. Raises
    :class:`InputError` for a folder, a missing parent folder, a dangling link, a block
    device or socket, and an existing file unless ``overwrite``. Touches nothing."""
    given = Path(path)
    try:
        info = os.stat(given)  # follows symlinks
    except FileNotFoundError:
        if given.is_symlink():
            raise InputError(
                f"{given} is a link to {os.readlink(given)}, which does not exist"
            ) from None
        if not given.parent.is_dir():
            raise InputError(
                f"cannot write {given}: the folder {given.parent} does not exist"
            ) from None
        return given, "new"
    except OSError as exc:
        raise InputError(f"cannot write {given}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{given} is a folder; give a file path")
    if stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode):
        return given, "stream"
    if stat.S_ISREG(info.st_mode) and given.as_posix().startswith(_DESCRIPTORS):
        return given, "stream"  # /dev/stdout sent to a file (> out.csv): that file, as it is
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"cannot write {given}: it is neither a file, a FIFO nor a device")
    target = Path(os.path.realpath(given)) if given.is_symlink() else given
    if not overwrite:
        raise InputError(f"{given} already exists; --force (overwrite=True) replaces it")
    return target, "file"


def read_bounded(path: str | os.PathLike[str], *, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of ``path``, or :class:`InputError` if it holds more than ``limit`` (it is
    read no further: a device that never ends is no hang). ``OSError`` as ``open`` raises it."""
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"{path} holds more than {_size(limit)}; sigmakit reads at most that")
    return data


def _size(n: int) -> str:
    return f"{n // (1024 * 1024)} MiB" if n % (1024 * 1024) == 0 else f"{n} bytes"


def write_file(
    path: str | os.PathLike[str],
    chunks: Iterable[bytes],
    *,
    overwrite: bool = False,
    mode: int | None = None,
) -> int:
    """Write ``chunks`` to ``path`` as the module says and give the number of bytes.
    ``mode`` (e.g. ``0o600``) is given to the file only when this creates it."""
    target, kind = destination(path, overwrite=overwrite)
    if kind == "stream":
        try:
            fd = os.open(target, os.O_WRONLY | os.O_APPEND)  # after what >> kept
        except OSError as exc:
            raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None
        with os.fdopen(fd, "wb") as out:
            return _copy(chunks, out)
    old_mode = stat.S_IMODE(os.stat(target).st_mode) if kind == "file" else None
    part = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    try:
        fd = os.open(part, flags, 0o600 if mode is not None else 0o666)
    except OSError as exc:  # a folder that takes no new file (/proc, read-only, no permission)
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as out:
            if mode is not None:
                os.fchmod(out.fileno(), mode)
            elif old_mode is not None:  # a replacement keeps the mode of what it replaces
                os.fchmod(out.fileno(), old_mode)
            size = _copy(chunks, out)
            os.fsync(out.fileno())
        if kind == "file":
            os.replace(part, target)
        else:
            _place_new(part, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            part.unlink()
        raise
    return size


def _copy(chunks: Iterable[bytes], out: IO[bytes]) -> int:
    size = 0
    for chunk in chunks:
        out.write(chunk)
        size += len(chunk)
    out.flush()
    return size


def _place_new(part: Path, target: Path) -> None:
    """Rename ``part`` to ``target``, unless something took that name meanwhile."""
    try:
        os.link(part, target)
    except FileExistsError:
        raise InputError(f"{target} already exists; --force (overwrite=True) replaces it") from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV):
            raise
        if target.exists() or target.is_symlink():  # no hard links here: check, then rename
            raise InputError(
                f"{target} already exists; --force (overwrite=True) replaces it"
            ) from None
        os.replace(part, target)
    else:
        part.unlink()

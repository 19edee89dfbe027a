"""Logging: a rotating log file in the user's log folder; on stderr only with -v (debug)."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

LOG_FILE_NAME = "welcomedly.log"
_configured_file: Path | None = None


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
        log_dir.mkdir(parents=True, exist_ok=True)
        path = log_dir / LOG_FILE_NAME
        file_handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
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
    for noisy in ("pgserver", "botocore", "boto3", "urllib3", "alembic.runtime.migration"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    _configured_file = path
    return path

"""What the fuzz tests share: the generated values, an in-process CLI runner, the outcome rules.

The suite runs a fixed, derandomised number of examples per test (``FUZZ_EXAMPLES``, default 8) plus the explicit examples that pin known findings;
``make fuzz`` runs many more with fresh random seeds (``WELCOMEDLY_FUZZ_EXAMPLES``,
``WELCOMEDLY_FUZZ_RANDOM=1``).
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import re
from dataclasses import dataclass

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

FUZZ_EXAMPLES = int(os.environ.get("WELCOMEDLY_FUZZ_EXAMPLES", "8"))
FUZZ_RANDOM = os.environ.get("WELCOMEDLY_FUZZ_RANDOM") == "1"

fuzz_settings = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    derandomize=not FUZZ_RANDOM,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

# -- generated values -----------------------------------------------------------------------------
MAX_ID = 2**31 - 1
HOSTILE_TEXT = [
    "", " ", "\x00", "a\x00b", "\udcff", "bad \ud800 surrogate", "\u202eevil.exe", "\u200b", "line\nbreak", "\r\n",
    "\x1b[2J\x1b[31mred", "\x07\x08\x7f", "'; DROP TABLE campaigns; --", "\" OR 1=1 --", "%", "_", "%_%", "\\", "a%b_c\\",
    "$1", "{}", "%s%s%s", "🚀", "a\u202e@x.test", "🚀@x.test", "9" * 10_000, "x" * 100_000, "ñandú@ejemplo.co",
    "NULL", "null", "-1", "2147483648", "1e309", "../../etc/passwd", "=cmd|' /C calc'!A0",
]
hostile_text = st.one_of(
    st.sampled_from(HOSTILE_TEXT),
    st.text(max_size=60),
    st.text(st.characters(codec=None, exclude_categories=()), max_size=40),  # controls, surrogates, format chars
    st.builds(lambda a, b: a + b, st.sampled_from(HOSTILE_TEXT), st.text(max_size=20)),
)
hostile_ids = st.one_of(
    st.sampled_from([0, -1, 1, 2, 3, MAX_ID, MAX_ID + 1, 2**32, 2**63 - 1, 2**63, 2**64, -(2**31) - 1, 10**40]),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.integers(min_value=1, max_value=50),
)
id_arguments = st.one_of(hostile_ids.map(str), hostile_text)
date_arguments = st.one_of(
    st.sampled_from(["2026-01-31", "0001-01-01", "9999-12-31", "10000-01-01", "2026-02-30", "0000-00-00", "-1",
                     "2026-13-01", "+002026-01-01", "1970-01-01T00:00", "today"]),
    st.dates().map(str),
    hostile_text,
)
emails = st.one_of(st.emails().map(str), hostile_text)


# -- the CLI in-process -----------------------------------------------------------------------------
@dataclass
class Outcome:
    argv: list[str]
    code: int
    stdout: str
    stderr: str


def run_cli(argv: list[str]) -> Outcome:
    """``welcomedly ARGV`` through ``__main__.main`` with captured output (as a script sees it)."""
    from welcomedly_desktop.__main__ import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse's usage errors, --help
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    for handler in list(logging.getLogger().handlers):  # main() configured logging into the test's folder
        if getattr(handler, "_welcomedly", False):
            logging.getLogger().removeHandler(handler)
            handler.close()
    return Outcome(argv, code, out.getvalue(), err.getvalue())


_LEAKS = re.compile(
    r"Traceback|\[SQL:|\(Background on this error|psycopg|sqlalchemy|\bSELECT\b[^\n]*\bFROM\b|\bINSERT INTO\b|"
    r"unexpected error|File \"",
)


def check_outcome(outcome: Outcome, before: dict[str, str] | None = None, after: dict[str, str] | None = None) -> None:
    """Exit 0, 1 or 2; on 1 exactly one line on stderr, without SQL or a traceback; the database
    unchanged when the command did not succeed."""
    where = f"argv={outcome.argv!r}\nexit {outcome.code}\nstderr: {outcome.stderr!r}"
    assert outcome.code in (0, 1, 2), where
    if outcome.code == 1:
        lines = outcome.stderr.splitlines()
        assert len(lines) == 1, where
        assert lines[0].startswith("welcomedly: "), where
        assert not _LEAKS.search(outcome.stderr), where
    if outcome.code == 2:
        assert not _LEAKS.search(outcome.stderr), where
    if outcome.code != 0 and before is not None:
        assert after == before, where


# -- what the database holds ------------------------------------------------------------------------
#: Everything but the audit trail and login bookkeeping (a login writes those, refused or not).
CONTENT_TABLES = ("users", "campaigns", "agents", "campaign_assignments", "base_campaign_data", "campaign_records",
                  "import_rejects", "dispositions", "dnc_numbers", "interactions", "interaction_hourly")


class Snapshot:
    """A fingerprint of every content table (one md5 per table), for "unchanged on refusal"."""

    def __init__(self, url: str) -> None:
        self.engine = create_engine(url, poolclass=NullPool)

    def __call__(self) -> dict[str, str]:
        with self.engine.connect() as conn:
            return {
                table: conn.execute(text(f"SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, ',' "
                                         f"ORDER BY t::text)), '') FROM {table} t")).scalar_one()
                for table in CONTENT_TABLES
            }

    def close(self) -> None:
        self.engine.dispose()

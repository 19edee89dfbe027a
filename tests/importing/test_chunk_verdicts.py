"""The direct load path's per-chunk judgement (verdicts.Verdicts) and chunk sizing, without a database.

The database tests (test_import_service.py) run whole files through both load paths; these pin the
rules of precedence and the "row it repeats" bookkeeping across chunk borders case by case."""

from __future__ import annotations

import numpy as np
import pytest

from welcomedly_desktop.importing import load_base
from welcomedly_desktop.importing.verdicts import Verdicts


def _keys(*phones: int) -> np.ndarray:
    return np.array(sorted(phones), dtype=np.int64)


def _judge(verdicts: Verdicts, keys: list[int], rows: list[int]) -> dict[int, str]:
    """Each row's fate as text, e.g. {2: "new", 5: "repeat of 2", 6: "existing", 8: "dnc"}."""
    new, dnc, existing, repeat, repeats_row = verdicts.judge(keys, rows)
    fate = {rows[i]: "new" for i in new.tolist()}
    fate.update({rows[i]: "dnc" for i in dnc.tolist()})
    fate.update({rows[i]: "existing" for i in existing.tolist()})
    fate.update({rows[i]: f"repeat of {r}" if r else "repeat" for i, r in zip(repeat.tolist(), repeats_row.tolist())})
    assert len(fate) == len(rows)  # every row has exactly one fate
    return fate


def test_precedence_and_repeats_within_one_chunk():
    v = Verdicts(dnc=_keys(7), existing=_keys(9, 7))
    fate = _judge(v, [1, 2, 1, 9, 9, 7, 7, 3, 1], [2, 3, 4, 5, 6, 7, 8, 9, 10])
    assert fate == {2: "new", 3: "new", 4: "repeat of 2", 5: "existing", 6: "repeat",  # not imported: no row
                    7: "dnc", 8: "dnc", 9: "new", 10: "repeat of 2"}


def test_new_records_come_sorted_by_phone_and_first_occurrence_wins():
    v = Verdicts(dnc=_keys(), existing=_keys())
    keys, rows = [30, 10, 20, 10, 30], [2, 3, 4, 5, 6]
    new, *_ = v.judge(keys, rows)
    assert [keys[i] for i in new.tolist()] == [10, 20, 30]
    assert [rows[i] for i in new.tolist()] == [3, 4, 2]


def test_phones_met_in_earlier_chunks():
    v = Verdicts(dnc=_keys(5), existing=_keys(9))
    assert _judge(v, [1, 9], [2, 3]) == {2: "new", 3: "existing"}
    assert _judge(v, [9, 1, 5, 4], [4, 5, 6, 7]) == {4: "repeat", 5: "repeat of 2", 6: "dnc", 7: "new"}
    assert _judge(v, [4, 4, 1, 2], [8, 9, 10, 11]) == {8: "repeat of 7", 9: "repeat of 7", 10: "repeat of 2",
                                                      11: "new"}
    assert v.seen_keys.tolist() == [1, 2, 4, 9] and v.seen_rows.tolist() == [2, 11, 7, 0]


def test_chunk_with_no_valid_row_and_one_row():
    v = Verdicts(dnc=_keys(), existing=_keys())
    assert _judge(v, [12], [40]) == {40: "new"}
    assert _judge(v, [12], [41]) == {41: "repeat of 40"}


@pytest.mark.parametrize(("rows_read", "fraction", "expected"), [
    (0, None, 50_000),            # nothing known yet
    (100_000, None, 50_000),      # a reader that cannot tell how far it is
    (100_000, 0.10, 50_000),      # ~900,000 rows left
    (900_000, 0.93, 10_000),      # ~68,000 left: less than a chunk and a half
    (50_000, 1.0, 50_000),        # at the end (nothing more will come)
])
def test_last_chunks_are_small(monkeypatch, rows_read, fraction, expected):
    monkeypatch.setattr(load_base, "CHUNK_ROWS", 50_000)
    assert load_base.next_chunk_rows(rows_read, fraction) == expected


def test_tail_chunks_never_exceed_a_small_chunk_size(monkeypatch):
    monkeypatch.setattr(load_base, "CHUNK_ROWS", 3)  # as the chunking tests set it
    assert load_base.next_chunk_rows(10, 0.99) == 3


def test_batch_chunks_grow_from_small_and_shrink_for_the_last_ones():
    from welcomedly_desktop.importing.load_base import TAIL_CHUNK_ROWS
    from welcomedly_desktop.importing.load_direct import BATCH_CHUNK_ROWS, FIRST_BATCH_CHUNK_ROWS, batch_chunk_rows

    sizes, target, read = [], FIRST_BATCH_CHUNK_ROWS, 0
    total = 1_000_000
    while read < total:
        take = min(target, total - read)
        sizes.append(take)
        read += take
        target = batch_chunk_rows(target, read, read / total)
    assert sizes[:4] == [FIRST_BATCH_CHUNK_ROWS, 2 * FIRST_BATCH_CHUNK_ROWS, 4 * FIRST_BATCH_CHUNK_ROWS, BATCH_CHUNK_ROWS]
    assert max(sizes) == BATCH_CHUNK_ROWS
    assert sizes[-1] <= TAIL_CHUNK_ROWS and sizes[-2] <= TAIL_CHUNK_ROWS  # the last COPYs are short
    assert batch_chunk_rows(BATCH_CHUNK_ROWS, 10_000, None) == BATCH_CHUNK_ROWS  # size unknown: no tail guess

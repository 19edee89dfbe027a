"""The direct load path's judgement of each chunk against the phones met so far (sorted arrays)."""

from __future__ import annotations

import numpy as np

EMPTY_KEYS = np.empty(0, dtype=np.int64)


def int_keys(text: str, count: int) -> np.ndarray:
    """The ``count`` comma-separated digit strings of ``text`` as integers, parsed in C."""
    keys = np.fromstring(text, dtype=np.int64, sep=",")
    if len(keys) != count:  # cannot happen with digit strings; never judge with a partial list
        keys = np.array(list(map(int, text.split(","))), dtype=np.int64)
    return keys


def _member(sorted_keys: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each of ``keys``: is it in ``sorted_keys``, and at which position."""
    if not len(sorted_keys):
        return np.zeros(len(keys), dtype=bool), np.zeros(len(keys), dtype=np.intp)
    pos = np.searchsorted(sorted_keys, keys)
    np.minimum(pos, len(sorted_keys) - 1, out=pos)
    return sorted_keys[pos] == keys, pos


class Verdicts:
    """The fate of each valid row, a chunk at a time, and the phones met so far.

    A row is, in this order of precedence: on the do-not-call list (every occurrence); a repeat of a
    phone met earlier in the file (named with the row first imported with it, when there is one);
    already in the campaign (its first occurrence); or new.  ``seen_keys`` (sorted) holds every
    phone met so far that was imported or found already in the campaign, ``seen_rows`` the row it
    was imported from (0: not imported, so a later repeat gets the general reason).
    """

    def __init__(self, dnc: np.ndarray, existing: np.ndarray) -> None:
        self.dnc = dnc
        self.existing = existing
        self.seen_keys = EMPTY_KEYS
        self.seen_rows = np.empty(0, dtype=np.int32)

    def judge(self, keys, rows: list[int]) -> tuple[np.ndarray, ...]:  # noqa: ANN001 - array or list of ints
        """Positions (into the chunk's lists) of the new rows sorted by phone, of the do-not-call
        rows, of the first occurrences of phones already in the campaign, of the repeats, and the
        row each repeat repeats (0 when that row was not imported)."""
        k = np.asarray(keys, dtype=np.int64)
        r = np.array(rows, dtype=np.int32)
        order = np.lexsort((r, k))  # by phone, then by row
        ks, rs = k[order], r[order]
        n = len(ks)
        head = np.ones(n, dtype=bool)  # the first row of its phone in this chunk
        np.not_equal(ks[1:], ks[:-1], out=head[1:])
        dnc, _ = _member(self.dnc, ks)
        seen, pos = _member(self.seen_keys, ks)
        existing, _ = _member(self.existing, ks)
        fresh = head & ~dnc & ~seen  # first time this phone is met in the file
        new = fresh & ~existing
        first_existing = fresh & existing
        repeat = ~(dnc | fresh)
        # The row each repeat repeats: met in an earlier chunk, or the head of its run in this one.
        run_head = np.maximum.accumulate(np.where(head, np.arange(n), 0))
        repeats_row = np.where(seen, self.seen_rows[pos] if len(self.seen_rows) else 0,
                               np.where(new[run_head], rs[run_head], 0))
        met = new | first_existing
        if met.any():
            add_keys = ks[met]
            at = np.searchsorted(self.seen_keys, add_keys)
            self.seen_keys = np.insert(self.seen_keys, at, add_keys)
            self.seen_rows = np.insert(self.seen_rows, at, np.where(new[met], rs[met], 0))
        return order[new], order[dnc], order[first_existing], order[repeat], repeats_row[repeat]


def phone_keys(phones: list[str]) -> np.ndarray:
    """The chunk's phones (digit strings, normalised) as integers: parsed in C from one joined
    text, several times cheaper than ``int()`` in the reading loop."""
    return int_keys(",".join(phones), len(phones))


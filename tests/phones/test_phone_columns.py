"""The column-at-a-time rules (fast/phone_columns.py) give exactly the per-row verdict, and take the
usual numbers (not a vacuous agreement)."""

from __future__ import annotations

import random

import pyarrow as pa
import pytest

from welcomedly_desktop.importing.fast import columnar
from welcomedly_desktop.importing.normalize import judge_phone
from welcomedly_desktop.importing.phones import rules_for


def _numbers(rng: random.Random, count: int) -> list[str]:
    out = []
    for _ in range(count):
        n = str(rng.randrange(3_000_000_000, 3_999_999_999)) if rng.random() < 0.7 else str(rng.randrange(10 ** rng.randrange(5, 13)))
        x = rng.random()
        out.append(n if x < 0.5 else f"({n[:3]}) {n[3:6]}-{n[6:]}" if x < 0.7 else f"+57 {n}" if x < 0.8
                   else f"0{n}" if x < 0.85 else f"+1 {n}" if x < 0.9 else f"+52 {n}" if x < 0.95 else n[:7])
    return out


@pytest.mark.parametrize("country", ["CO", "US", "MX", "AR", "ES", "PE", "CL"])
def test_columns_agree_with_rows(country):
    values = _numbers(random.Random(country), 20000)
    phone, taken, kind = columnar._phones(pa.array(values, pa.string()), country)  # noqa: SLF001
    rules = rules_for(country)
    taken_rows = 0
    for value, ok, got_phone, got_kind in zip(values, taken.to_pylist(), phone.to_pylist(), kind.to_pylist()):
        if ok:
            taken_rows += 1
            assert judge_phone(value, rules) == (got_phone, None, got_kind), value
    assert taken_rows > 0


def test_usual_colombian_numbers_are_taken_by_the_columns():
    values = ["3124900097", "(312) 490-0097", "+57 312 490 0097", "3994900097", "601 490 0097", "+1 312 555 0100"]
    phone, taken, kind = columnar._phones(pa.array(values, pa.string()), "CO")  # noqa: SLF001
    assert taken.to_pylist() == [True] * 6
    assert phone.to_pylist() == ["573124900097", "573124900097", "573124900097", "573994900097", "576014900097",
                                 "13125550100"]
    assert kind.to_pylist() == ["mobile", "mobile", "mobile", "unknown", "fixed", "fixed_or_mobile"]

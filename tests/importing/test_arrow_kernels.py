"""importing/fast/arrow_kernels.py calls Arrow's kernels by name: each function must give what the
``pyarrow.compute`` function of the same name gives for the same arguments, and the import path
must not load ``pyarrow.compute`` (or ``numpy.ma``) after all."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from welcomedly_desktop.importing.fast import arrow_kernels as ak
from welcomedly_desktop.importing.fast.columnar import sorted_unique

TEXT = pa.array(["  +57 300 123 ", "0044 20", "", None, "Ñandú@Example.com", "12.0", "00", "a b"])
NUMBERS = pa.array([3, None, 7, 15, 0, 10, 16, 7], type=pa.int32())
FLAGS = pa.array([True, False, None, True, False, True, False, True])
OTHER = pa.array([False, True, True, None, False, True, True, False])

CASES = [
    ("utf8_trim", (TEXT, " ")),
    ("utf8_trim", (TEXT, " +")),
    ("utf8_slice_codeunits", (TEXT, 1)),
    ("utf8_slice_codeunits", (TEXT, 2)),
    ("utf8_slice_codeunits", (TEXT, 0, -1)),
    ("starts_with", (TEXT, "+")),
    ("starts_with", (TEXT, "00")),
    ("match_substring_regex", (TEXT, r"^[0-9 +]*$")),
    ("replace_substring_regex", (TEXT, r"^([0-9]+)\.0+$", r"\1")),
    ("replace_substring_regex", (TEXT, r"[ ()\-./]", "")),
    ("binary_join_element_wise", (TEXT, TEXT, pa.scalar("\t"))),
    ("binary_join_element_wise", (pa.scalar("{"), TEXT, pa.scalar("}"), pa.scalar(""))),
    ("if_else", (FLAGS, TEXT, pa.scalar("x"))),
    ("replace_with_mask", (TEXT, FLAGS.fill_null(False), pa.array(["r"] * 5))),
    ("and_", (FLAGS, OTHER)),
    ("or_", (FLAGS, OTHER)),
    ("invert", (FLAGS,)),
    ("equal", (TEXT, pa.scalar(""))),
    ("greater", (NUMBERS, pa.scalar(7, pa.int32()))),
    ("greater_equal", (NUMBERS, pa.scalar(7, pa.int32()))),
    ("less_equal", (NUMBERS, pa.scalar(10, pa.int32()))),
    ("binary_length", (TEXT,)),
    ("utf8_length", (TEXT,)),
    ("utf8_lower", (TEXT,)),
    ("ascii_is_decimal", (TEXT,)),
    ("max", (NUMBERS,)),
    ("max", (pa.array([], type=pa.int32()),)),
    ("any", (FLAGS,)),
    ("any", (pa.array([None, False], type=pa.bool_()),)),
    ("fill_null", (FLAGS, pa.scalar(False))),
    ("fill_null", (NUMBERS, 5)),
    ("cast", (pa.array(["1", "57300", None]), pa.int64())),
    ("cast", (NUMBERS, pa.string())),
    ("filter", (TEXT, FLAGS)),
    ("filter", (NUMBERS, OTHER)),
    ("take", (TEXT, pa.array([7, 0, 0, 3]))),
    ("take", (pa.chunked_array([TEXT, TEXT]), pa.array([9, 1]))),
    ("fill_null", (TEXT, pa.scalar(""))),
]


@pytest.mark.parametrize(("name", "args"), CASES, ids=[f"{n}-{i}" for i, (n, _) in enumerate(CASES)])
def test_same_result_as_pyarrow_compute(name, args) -> None:  # noqa: ANN001
    expected = getattr(pc, name)(*args)
    got = getattr(ak, name)(*args)
    assert got.type == expected.type
    assert got.equals(expected), (got, expected)


def test_every_function_used_by_the_importer_is_here() -> None:
    """Every ``pc.<name>`` the import modules call exists in arrow_kernels (they import it as pc)."""
    import re
    from pathlib import Path

    package = Path(ak.__file__).parent.parent  # importing/, the fast paths' folder included
    used, methods = set(), []
    for path in package.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"\bpc\.([a-z_0-9]+)\(", text))
        methods += [f"{path.name}: {m}" for m in re.findall(r"\w+\.(?:cast|filter|take|fill_null)\(", text)
                    if not m.startswith("pc.")]
    assert used, "the import modules no longer call pc.*?"
    assert sorted(n for n in used if not hasattr(ak, n)) == []
    assert methods == [], "Arrow arrays' own methods load pyarrow.compute: call arrow_kernels' functions"


def test_failures_raise_as_pyarrow_compute_does() -> None:
    with pytest.raises(pa.ArrowInvalid):
        ak.cast(pa.array(["12x"]), pa.int64())
    with pytest.raises(IndexError):
        ak.take(TEXT, pa.array([8]))


def test_sorted_unique_is_numpys_unique() -> None:
    rng = np.random.default_rng(7)
    for values in (np.array([], dtype=np.int64), np.array([5]), rng.integers(0, 50, 1000), rng.integers(0, 10**15, 5000)):
        assert np.array_equal(sorted_unique(values), np.unique(values))


def test_the_import_path_loads_neither_pyarrow_compute_nor_numpy_ma() -> None:
    """Both cost CPU with the GIL held at every ``welcomedly import`` (fast/arrow_kernels.py):
    neither the import modules nor a batch of rows built into COPY lines may load them."""
    code = """
import sys
import numpy as np
import welcomedly_desktop.cli.imports, welcomedly_desktop.services.imports, welcomedly_desktop.services.dnc
import welcomedly_desktop.importing.load_direct, welcomedly_desktop.importing.fast.xlsx_batches
from welcomedly_desktop.importing.fast.columnar import make_batch_processor, sorted_unique, text_array
from welcomedly_desktop.importing.normalize import RowLayout
layout = RowLayout.from_mapping(["id", "nombre", "telefono", "correo", "ciudad"],
                                {"external_id": "id", "name": "nombre", "phone": "telefono", "email": "correo"})
process = make_batch_processor(layout, "57", 1, 2)
columns = [text_array(c) for c in  # (pa.array of Python values would load pandas, and both with it)
           (["A1", "A2"], ["Ana", "Luis"], ["+57 312 490 0097", "3001234567.0"],
                                             ["Ana@Example.com", ""], ["Cali", ""])]
taken, phones, lines = process(columns, np.array([2, 3], dtype=np.int64))
assert phones.to_pylist() == ["573124900097", "573001234567"], (taken, phones)
sorted_unique(np.array([3, 1, 3]))
print(sorted(m for m in ("pyarrow.compute", "numpy.ma") if m in sys.modules))
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"

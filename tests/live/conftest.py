"""The live tests reuse the GUI tests' fixtures (windows, dialogs, nothing left behind)."""

from tests.gui.conftest import _nothing_left_behind, dialogs, make_ctx, open_window  # noqa: F401

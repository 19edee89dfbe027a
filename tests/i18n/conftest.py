"""The GUI fixtures of tests/gui (windows, contexts, recorded message boxes) for the Spanish GUI test."""

from tests.gui.conftest import _nothing_left_behind, dialogs, make_ctx, open_window  # noqa: F401

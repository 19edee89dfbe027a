"""Main-window pages (see ../README.md for the page protocol)."""

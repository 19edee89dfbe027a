"""Print preview and PDF (reports)."""

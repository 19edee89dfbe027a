"""QtCharts helpers (reports)."""

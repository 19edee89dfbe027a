"""QtCharts charts of reports, for the screen (paper uses printing/chart_painter.py)."""

"""Reports on paper: the paged document, its charts, PDF and printer output (Qt, no Qt widgets but
what QtCharts needs); shared by the desktop app and the command line."""

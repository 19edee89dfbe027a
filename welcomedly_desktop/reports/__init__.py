"""Report data and formats (plain Python, no Qt, no services): builders.py computes, model.py and tables.py
shape, export.py writes CSV/XLSX, cache.py keeps recent results.  Permissions and audit: services.reports."""

"""Report data builders and exporters (plain Python, no Qt): see builders.py, model.py, export.py."""

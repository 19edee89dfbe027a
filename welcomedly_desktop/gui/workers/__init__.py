"""Long-running work that reports progress to the GUI."""

"""Everything Qt lives here (see README.md in this folder)."""

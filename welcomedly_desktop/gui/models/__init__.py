"""Qt item models over service views."""

"""Private APIs of third-party libraries, each behind one small module: the only place that imports
them, and the one a new library version that changes them breaks (tests/importing/test_adapters.py)."""

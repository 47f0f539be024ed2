"""A stand-in for the sphinx-tabs package in tests."""

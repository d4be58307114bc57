"""Benchmarks of the dashboard: ``python -m benchmarks.run`` (see README.md here); never part of the test suite's pass/fail."""

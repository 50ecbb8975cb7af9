"""Benchmarks at municipal scale: they print figures and assert nothing."""

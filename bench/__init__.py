"""Benchmarks (issue 9): a seeded generator of realistic calls and `python -m bench.run`."""

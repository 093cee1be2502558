"""Benchmarks: synthetic archives in the real layouts, parse / load / end-to-end refresh figures."""

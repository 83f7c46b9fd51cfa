"""Benchmarks for elevenk: synthetic plans of any size and a timing/memory harness."""

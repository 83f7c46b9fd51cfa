"""Workflows over the pipeline: build and publish, batch builds, roll-forward, flux, compare, preview."""

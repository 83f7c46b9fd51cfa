"""elevenk: prepare SEC Form 11-K filings from YAML."""

__version__ = "0.1.0"

"""Inline XBRL in the model: the us-gaap-ebp 2025 taxonomy tables, the mapping of 11-K lines to elements,
the facts of a computed filing and their calculation relationships."""

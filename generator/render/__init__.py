"""Render: the computed filing as EDGAR text, EDGAR HTML and PDF, through Jinja2 templates; EDGAR's lint."""

"""The review page beside the Inline XBRL submission: Arelle's iXBRL Viewer over the tagged filing, where a
preparer or an auditor clicks a figure and sees its element, period, dimensions and calculation.

Optional: made when the `ixbrl-viewer` package (Arelle's plugin, from PyPI) is installed and
ELEVENK_XBRL_PACKAGES names the taxonomy packages (zip files, separated by `|`) with which Arelle resolves the
filing's schemas offline. The viewer's script is the installed package's own file, copied beside the page,
never a CDN's; nothing is fetched.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

PACKAGES_ENV = "ELEVENK_XBRL_PACKAGES"
FOLDER = "review"  # output/<plan>/<year>/review/


def unavailable() -> str | None:
    """Why no review page can be made here, or None when it can."""
    try:
        import iXBRLViewerPlugin  # noqa: F401
    except ImportError:
        return "install ixbrl-viewer (pip install ixbrl-viewer) to get a review page"
    if not packages():
        return f"set {PACKAGES_ENV} to the taxonomy packages Arelle resolves the filing with offline"
    return None


def packages() -> list[str]:
    return [p for p in os.environ.get(PACKAGES_ENV, "").split("|") if p]


def review_files(submission: dict[str, bytes], primary: str) -> dict[str, bytes]:
    """The review page and its script, by name, for the submission's files (name -> bytes).

    Raises RuntimeError with Arelle's messages when the viewer could not be made.
    """
    from arelle.api.Session import Session
    from arelle.RuntimeOptions import RuntimeOptions
    from iXBRLViewerPlugin.constants import DEFAULT_VIEWER_PATH

    with tempfile.TemporaryDirectory(prefix="elevenk-review-") as tmp:
        source, out = Path(tmp, "submission"), Path(tmp, "review")
        source.mkdir()
        out.mkdir()  # the viewer takes a path that is not a folder for the page's file name
        for name, data in submission.items():
            (source / name).write_bytes(data)
        options = RuntimeOptions(
            entrypointFile=str(source / primary), packages=packages(), internetConnectivity="offline",
            plugins="iXBRLViewerPlugin", disablePersistentConfig=True, logFile="logToStructuredMessage",
            pluginOptions={"saveViewerDest": str(out), "viewerURL": DEFAULT_VIEWER_PATH})
        with Session() as session:
            session.run(options)
            problems = [m["msg"] for m in session.get_log_messages()
                        if m["levelname"] in ("ERROR", "CRITICAL")]
        page = out / "xbrlviewer.html"
        if problems or not page.is_file():
            raise RuntimeError("; ".join(problems[:3]) or "the viewer wrote no page")
        stem = primary.rsplit(".", 1)[0]
        return {f"{stem}-review.html": page.read_bytes(),
                "ixbrlviewer.js": (out / "ixbrlviewer.js").read_bytes()}

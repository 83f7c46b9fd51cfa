"""`elevenk serve`: a live preview of one plan year in the browser, rebuilt as its YAML is edited."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import click

from ..pipeline import EXIT_INPUT
from ..workflows.build import template_dirs
from ..workflows.preview_server import make_server, rebuild, watch
from .common import NothingToDo, latest_years


def _announce(source: Path):
    def announce(build) -> None:
        state = "built" if build.ok else "not built (the page lists why)"
        click.echo(f"{source}: {state}, build {build.version} in {build.seconds:.2f} s", err=True)
    return announce


@click.command("serve")
@click.argument("path", required=False, type=click.Path())
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("-p", "--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: any free port).")
@click.option("--templates", "template_dir", type=click.Path(file_okay=False, exists=True),
              help="A directory of template overrides, searched before the built-in templates.")
def serve_cmd(path: str | None, host: str, port: int, template_dir: str | None) -> None:
    """Preview a plan year's filing in a browser (PATH: its file, or a plan's folder for its latest year;
    none: the one plan under plan_data/), rebuilt and reloaded each time the YAML or a template is saved.

    Findings show in place of the filing until it checks out; /filing.txt and /filing.pdf give the EDGAR
    text and the PDF. Nothing is written to disk. Stop with Ctrl-C.
    """
    from ..workflows.preview import Preview

    groups = latest_years((path,) if path else ())
    if len(groups) > 1:
        raise NothingToDo(f"serve previews one plan year; {path or 'plan_data'} holds {len(groups)} plans: "
                          f"name one, e.g. elevenk serve {groups[0][0].parent}")
    source = groups[0][0]
    if not source.is_file():
        click.echo(f"{source}: no such file", err=True)
        sys.exit(EXIT_INPUT)
    preview = Preview(source, lambda outcome: template_dirs(outcome, template_dir))
    announce = _announce(source)
    announce(rebuild(preview))
    try:
        server = make_server(preview, host, port)
    except OSError as exc:
        click.echo(f"elevenk serve: cannot listen on {host}:{port}: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_INPUT)
    stop = threading.Event()
    watching = threading.Event()
    watcher = threading.Thread(target=watch, args=(preview, stop, announce, watching), daemon=True)
    watcher.start()
    watching.wait(10)  # a save made once "Serving" is printed is seen
    click.echo(f"Serving {source} at http://{host}:{server.server_address[1]}/ (Ctrl-C to stop)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()

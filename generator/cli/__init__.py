"""The `elevenk` command line: the click group, and the one list of its commands.

Each command is a module of this package with a thin function over the pipeline or a workflow; the
helpers they share live in `common`, never here.
"""

from __future__ import annotations

import importlib
import os
import sys

import click

from .. import __version__
from ..findings import internal_error, os_problem

EXIT_INTERNAL = 3
EXIT_INPUT, EXIT_INTERRUPTED = 2, 130  # as pipeline's, which is not imported here: commands load only when run
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a writer whose reader left

# (name, module of this package, its click command): a command's module is imported when it is run (or
# listed by --help), so that `elevenk build` does not pay for importing what `elevenk compare` needs.
COMMANDS = (("check", "check", "check_cmd"), ("build", "build", "build_cmd"), ("schema", "schema", "schema_cmd"),
            ("names", "names", "names_cmd"), ("lint-edgar", "lint_edgar", "lint_edgar_cmd"),
            ("form5500", "form5500", "form5500_cmd"), ("rollforward", "rollforward", "rollforward_cmd"),
            ("flux", "flux", "flux_cmd"), ("compare", "compare", "compare_cmd"), ("verify", "verify", "verify_cmd"),
            ("serve", "serve", "serve_cmd"), ("init", "init", "init_cmd"), ("import", "imports", "import_group"))


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not fail on the closed pipe again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def _while_printing(exc: OSError) -> bool:
    """Whether the error came from writing the command's output (click.echo, or the last flush in leave())."""
    tb = exc.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if (code.co_name == "echo" and "click" in code.co_filename) or code.co_name == "leave":
            return True
        tb = tb.tb_next
    return False


class _Guarded(click.Group):
    """Turns an unexpected exception into one plain line and exit status 3, never a traceback; finds each
    command in `COMMANDS`, importing its module when it is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name, _, _ in COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        for command, module, function in COMMANDS:
            if command == name:
                return getattr(importlib.import_module(f"{__name__}.{module}"), function)
        return None

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except BrokenPipeError:  # the reader left (`elevenk names FILE | head`): stop quietly, as a piped tool does
            _quiet_stdout()
            ctx.exit(EXIT_BROKEN_PIPE)
        except KeyboardInterrupt:
            click.echo("elevenk: interrupted", err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except OSError as exc:  # the disk, permissions, a name too long: the user's to fix, never a bug
            if exc.filename is None and _while_printing(exc):  # `elevenk names FILE > /dev/full`
                exc = OSError(exc.errno, exc.strerror, "standard output")
                _quiet_stdout()
            click.echo(f"elevenk: {os_problem(exc)}", err=True)
            ctx.exit(EXIT_INPUT)
        except MemoryError:
            click.echo("elevenk: out of memory", err=True)
            ctx.exit(EXIT_INPUT)
        except Exception as exc:
            click.echo(f"elevenk: {internal_error(exc)}", err=True)
            ctx.exit(EXIT_INTERNAL)


@click.group(cls=_Guarded, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="elevenk")
def main() -> None:
    """Prepare SEC Form 11-K filings from YAML plan-year files."""


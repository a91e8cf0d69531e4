"""What the command modules share: the context, the exit codes, the PERIOD argument.

Exit codes, the same for every command so that cron and monitoring can act on them: 0 done,
1 done but something needs a look (a sheet that could not be read, a tamper finding, a
missing archive), 2 refused with a reason (printed, never a traceback).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from service.domain.period import Period

if TYPE_CHECKING:
    from service.context import JobContext, JobResult

    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]
    """What each command module's `register(subparsers, common)` adds its commands to."""

Handler = Callable[[argparse.Namespace], int]
"""A command: set with `set_defaults(handler=...)`, called by `main` with the parsed
arguments, returns the exit code."""


def add_command(subparsers: Subparsers, name: str, common: argparse.ArgumentParser,
                text: str, handler: Handler) -> argparse.ArgumentParser:
    """One command: its help text both in the listing and as its description, the shared
    options (`--workspace`), and the handler `main` calls."""
    parser = subparsers.add_parser(name, parents=[common], help=text, description=text)
    parser.set_defaults(handler=handler)
    return parser


def context(args: argparse.Namespace) -> JobContext:
    """Built per command, not at import: `kinerja --help` must not open the database."""
    from service.bootstrap import build_context
    from service.config import Settings

    return build_context(Settings.from_env(args.workspace), progress=print)


def print_result(result: JobResult) -> int:
    """Print a job's lines; exit 1 when something went wrong for part of the month (a sheet
    that could not be read, a tamper finding), so cron and monitoring can alert on it."""
    for line in result.lines:
        print(line)
    for error in result.errors:
        print(f"PERINGATAN: {error}", file=sys.stderr)
    return 1 if result.errors or getattr(result, "findings", None) else 0


def _user_errors() -> tuple[type[Exception], ...]:
    from service.jobs.archive import ArchiveError
    from service.jobs.provision import ProvisionError
    from service.sheets.port import SheetBackendError

    return ProvisionError, ArchiveError, SheetBackendError


USER_ERRORS = _user_errors()
"""A job's refusals (not yet approved, empty roster, an unreachable sheet): exit 2 with the
reason, not a traceback."""


def parse_period(text: str) -> Period:
    """The PERIOD argument type: argparse shows Period's own Indonesian message."""
    try:
        return Period.parse(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


def actor(args: argparse.Namespace) -> str:
    """Who withdraws or reopens, for the audit log: `--by`, else the system user."""
    import getpass

    return args.by or getpass.getuser()

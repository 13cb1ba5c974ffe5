"""What several ``matchevents`` commands share: the exit statuses, the printers, opening a log,
and the ``--until DATE`` and ``--teams FILE|bundled`` options.

Here rather than in :mod:`matchevents.cli`, which imports the command modules: each of them
imports this module, and none imports the CLI.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any, Final, TextIO

from matchevents.log import LogProblem
from matchevents.teams import ClubRegistry, load_clubs

EXIT_OK: Final = 0
"""Everything was read and printed (by ``import``: written to the log, or already in it)."""
EXIT_BAD_LINES: Final = 1
"""The log has bad lines (reported); the rest was replayed and printed."""
EXIT_USAGE: Final = 2
"""The command could not run: no such file or match, or bad arguments."""
EXIT_INTERNAL_ERROR: Final = 3
"""matchevents itself failed: a bug, never a property of the input (which gets 1 or 2)."""


def write_lines(lines: Iterable[str], out: TextIO) -> None:
    """Print ``lines``, each ended by a newline."""
    for line in lines:
        out.write(line + "\n")


def heading(out: TextIO) -> Callable[[str], str]:
    """Bold headings on a terminal (unless NO_COLOR is set), plain text in a pipe."""
    if out.isatty() and os.environ.get("NO_COLOR") is None:
        return lambda text: f"\033[1m{text}\033[0m"
    return lambda text: text


def write_json(value: object, out: TextIO) -> None:
    """Print ``value`` as indented JSON, non-ASCII letters as they are."""
    json.dump(value, out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_csv(rows: list[dict[str, Any]], out: TextIO) -> None:
    """Print ``rows`` as CSV, the first row's keys as the header; nothing when there are none."""
    if not rows:
        return
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def write_skipped(problems: Iterable[LogProblem], log: Path, err: TextIO) -> None:
    """Say each bad line a command skipped: ``matchevents: skipped LOG:LINE: [kind] message``."""
    for problem in problems:
        where = f"{log}:{problem.line}"
        err.write(f"matchevents: skipped {where}: [{problem.kind}] {problem.message}\n")


def open_log(path: str, err: TextIO) -> Path | None:
    """The log at ``path``: a file, or anything else readable as one (``/dev/null``, a pipe)."""
    log = Path(path)
    if log.is_dir():
        err.write(f"matchevents: {path}: a folder, not a log (give a .jsonl file in it)\n")
        return None
    if not log.exists():
        err.write(f"matchevents: {path}: no such file\n")
        return None
    return log


def iso_date(text: str) -> date:
    """``--until DATE``: a date as YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a date: {text!r} (expected e.g. 2024-04-11)"
        ) from None


def club_registry(spec: str) -> ClubRegistry:
    """``--teams FILE|bundled``: the bundled club registry, extended by FILE."""
    return load_clubs(None if spec == "bundled" else spec)


def optional_registry(spec: str | None) -> ClubRegistry | None:
    """``--teams FILE|bundled`` where it may be left out: no registry then (names as written)."""
    return None if spec is None else club_registry(spec)

"""The command's output does not change unnoticed: every command on the bundled examples and on
the shared real data prints exactly what it printed when ``tests/golden/cli.json`` was recorded.

Each entry holds a command line, its exit status and the SHA-256 of what it wrote to standard
output and standard error (and, for ``import``, of the log it wrote). A change of output that is
meant (a reworded message, a new column) is recorded again with
``python -m tests.golden_cli --update``, and the diff of ``tests/golden/cli.json`` shows in review
which commands it touched; ``python -m tests.golden_cli --show 'replay examples/...'`` prints a
command's output as the test sees it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from golden_cli import EXAMPLE_COMMANDS, GOLDEN, SHARED_DATA_FILES, Outcome, run_example, run_shared

RECORDED: dict[str, Outcome] = json.loads(GOLDEN.read_text(encoding="utf-8"))


@pytest.mark.parametrize("argv", EXAMPLE_COMMANDS, ids=" ".join)
def test_the_command_prints_what_it_printed_on_the_bundled_examples(
    argv: tuple[str, ...], tmp_path: Path
) -> None:
    key = " ".join(argv)
    assert run_example(argv, tmp_path) == RECORDED[key], key


@pytest.mark.parametrize("name", SHARED_DATA_FILES)
def test_import_replay_validate_and_show_print_what_they_printed_on_the_shared_data(
    name: str, shared_data: Path, tmp_path: Path
) -> None:
    for key, outcome in run_shared(name, shared_data, tmp_path).items():
        assert outcome == RECORDED[key], key


def test_every_recorded_command_is_still_run() -> None:
    example_keys = {" ".join(argv) for argv in EXAMPLE_COMMANDS}
    shared_prefixes = tuple(f"{name} " for name in SHARED_DATA_FILES)
    stale = [k for k in RECORDED if k not in example_keys and not k.startswith(shared_prefixes)]
    assert stale == []

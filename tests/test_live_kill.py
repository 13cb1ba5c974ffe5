"""A runner killed (SIGKILL) at any moment while it folds leaves a checkpoint that is a replay of
the store up to its position, and resumes to a replay of the whole store: a few trials of
``scripts/kill_runner.py`` on small stores of the two stores that keep checkpoints in their own
database, exactly once; the script runs 30 a store on 200,000 events, checkpoint files of the JSON
Lines and memory stores included (``python scripts/kill_runner.py``)."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path
from types import ModuleType

import pytest

from test_stores_postgres import POSTGRES_DSN, require_postgres

SCRIPT = Path(__file__).parents[1] / "scripts" / "kill_runner.py"


def kill_runner() -> ModuleType:
    spec = importlib.util.spec_from_file_location("kill_runner", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # attrs classes find their module there
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_a_killed_runner_leaves_a_replay_up_to_its_checkpoint_and_resumes_to_the_whole(
    kind: str, tmp_path: Path
) -> None:
    if kind == "postgres":
        require_postgres()
        assert POSTGRES_DSN
    script = kill_runner()
    # About how long a run of this size folds, here and on CI (a kill after it finds it done).
    setup = script.prepare(tmp_path, kind, events=2_000, every=150, window=1_000, run_seconds=0.3)
    try:
        done = script.trials(setup, 2, random.Random(20))  # until two kills
        assert [t.outcome for t in done if t.outcome not in ("replay", "none")] == []
        assert script.final(setup)
    finally:
        script.drop(setup)

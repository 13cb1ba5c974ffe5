"""An import killed (SIGKILL) at any moment leaves its log either as it was, byte for byte, or as
an uninterrupted import writes it: a few trials of ``scripts/kill_import.py``, which runs many
more (``python scripts/kill_import.py``)."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).parents[1] / "scripts" / "kill_import.py"


def kill_import() -> ModuleType:
    spec = importlib.util.spec_from_file_location("kill_import", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # attrs classes find their module there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def killing(tmp_path_factory: pytest.TempPathFactory) -> tuple[ModuleType, object]:
    """The script and one setup (a source and a previous log) that both modes' trials share."""
    script = kill_import()
    return script, script.prepare(tmp_path_factory.mktemp("kill"), matches=150, seed_matches=800)


@pytest.mark.parametrize("mode", ["replace", "append"])
def test_a_killed_import_leaves_the_previous_log_or_the_whole_new_one(
    mode: str, killing: tuple[ModuleType, object]
) -> None:
    script, setup = killing
    rng = random.Random(20240411)
    outcomes = [script.trial(setup, mode, aimed, rng) for aimed in ("write", "write", "run")]
    assert [t.outcome for t in outcomes if t.outcome not in ("intact", "complete")] == []

"""No line crashes a reader of logs, under either JSON backend (issue 16).

Generated logs (valid matches with lines truncated, mutated, nested a hundred thousand deep,
holding lone surrogates or values of the wrong kind; see ``tests/fuzz_codec.py``) go through the
codec, ``read_log``, lenient and strict ``replay``, the JSON Lines and SQLite stores and the
command line: every outcome is a value or the documented error of that reader. This runs a few
hundred logs; ``python tests/fuzz_codec.py`` runs a hundred thousand lines under each backend.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz_codec import Prober, fuzz_log
from matchevents.codec import BACKEND_VARIABLE, JSON_BACKEND

# The command line runs on a log in five of these, so that each example costs milliseconds.
_CLI_EVERY = 5


@pytest.fixture(scope="module")
def prober() -> Iterator[Prober]:
    with tempfile.TemporaryDirectory(prefix="fuzz-codec-") as directory:
        probe = Prober(Path(directory))
        yield probe
        probe.close()


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.randoms(use_true_random=False))
def test_no_generated_log_crashes_any_reader(prober: Prober, rng: random.Random) -> None:
    prober.cli = rng.randrange(_CLI_EVERY) == 0
    findings = prober.probe(fuzz_log(rng))
    assert not findings, "\n".join(map(str, findings))


def test_the_standard_library_backend_holds_the_same_properties() -> None:
    """The same test again in a process whose codec parses with ``json`` (orjson installed or
    not), chosen by ``MATCHEVENTS_JSON_BACKEND``."""
    if JSON_BACKEND == "json":
        return  # this run is already the standard library's (the test above covers it)
    env = {**os.environ, BACKEND_VARIABLE: "json"}
    plugins = ["-p", "no:cacheprovider", "-p", "no:xdist"]
    ran = subprocess.run(
        [sys.executable, "-m", "pytest", __file__, "-q", *plugins, "-k", "no_generated_log"],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[1],
        check=False,
    )
    assert ran.returncode == 0, ran.stdout[-3000:] + ran.stderr[-2000:]
    assert " passed" in ran.stdout

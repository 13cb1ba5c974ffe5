"""Shared test set-up: hypothesis profiles and the location of the shared real data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# dev: quick feedback while working. ci: more examples, derandomized so that a failure repeats on
# the same input, and no example database (nothing written into the checkout).
settings.register_profile("dev", max_examples=50, deadline=None)
settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
_IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if _IN_CI else "dev"))

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real public data beside the project (``../shared/data``).

    Skips the test with a reason where the folder is absent, but fails under CI, where it must be.
    """
    if not SHARED_DATA.is_dir():
        if _IN_CI:
            pytest.fail(f"shared data folder {SHARED_DATA} is missing on CI")
        pytest.skip(f"shared data folder {SHARED_DATA} is not present")
    return SHARED_DATA

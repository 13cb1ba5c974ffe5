"""Shared test set-up: hypothesis profiles and the location of the shared real data."""

from __future__ import annotations

import contextlib
import importlib
import os
import pkgutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import matchevents

# dev: quick feedback while working. ci: more examples, derandomized so that a failure repeats on
# the same input, and no example database (nothing written into the checkout).
settings.register_profile("dev", max_examples=50, deadline=None)
settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
# quick: a few examples per property, for the edit-test loop on one area (HYPOTHESIS_PROFILE=quick).
settings.register_profile("quick", max_examples=10, deadline=None)
_IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if _IN_CI else "dev"))


def _import_the_whole_package() -> None:
    """Import every module of matchevents now, before any test runs.

    Hypothesis now and then draws constants found in the source of the local modules loaded so
    far (``sys.modules``). Which modules a worker has loaded lazily depends on which tests it ran
    before, and so on the scheduling of the test workers: with everything loaded first, the pool
    is the same in every run, and a derandomized test draws the same inputs alone or in the suite.
    """
    for module in pkgutil.walk_packages(matchevents.__path__, "matchevents."):
        # An optional extra that is not installed: its tests skip (or fail on CI).
        with contextlib.suppress(ImportError):
            importlib.import_module(module.name)


_import_the_whole_package()

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


# -- no silent skips on CI ------------------------------------------------------------------------
# The test and docs extras install every optional dependency the suite exercises, and .ci/run
# provides the shared data and a PostgreSQL server: on CI a skipped test is one that never ran,
# so it fails instead, unless it skips by design (a case that does not apply, not a missing tool).
SKIPS_BY_DESIGN: tuple[str, ...] = ("this store keeps nothing between runs",)


def _skip_reason(report: pytest.TestReport | pytest.CollectReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2])
    return str(longrepr)


def _fail_skip_on_ci(report: pytest.TestReport | pytest.CollectReport) -> None:
    if not (_IN_CI and report.skipped) or hasattr(report, "wasxfail"):
        return
    reason = _skip_reason(report)
    if any(allowed in reason for allowed in SKIPS_BY_DESIGN):
        return
    report.outcome = "failed"
    report.longrepr = f"skipped on CI, where every test must run: {reason}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    _fail_skip_on_ci(outcome.get_result())


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Iterator[None]:
    outcome = yield
    _fail_skip_on_ci(outcome.get_result())

"""matchevents.testing, settings profiles: users get the profiles this test suite runs under."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import settings

from matchevents.testing import load_profile, register_profiles

COMPARED = ("max_examples", "deadline", "derandomize", "print_blob", "suppress_health_check")


@pytest.fixture(autouse=True)
def _restore_profile() -> Iterator[None]:
    """Loading a profile changes hypothesis' defaults for the whole run: put them back."""
    settings.register_profile("before-profile-tests", settings.default)
    yield
    settings.load_profile("before-profile-tests")


def test_shipped_profiles_equal_the_test_suites_own() -> None:
    # tests/conftest.py registered "dev" and "ci"; the shipped ones go under other names here.
    register_profiles(dev="shipped-dev", ci="shipped-ci")
    for ours, shipped in (("dev", "shipped-dev"), ("ci", "shipped-ci")):
        mine, theirs = settings.get_profile(ours), settings.get_profile(shipped)
        for name in COMPARED:
            assert getattr(mine, name) == getattr(theirs, name), (ours, name)
    assert settings.get_profile("shipped-ci").database is None


def test_ci_is_thorough_and_writes_nothing_dev_is_quick() -> None:
    register_profiles(dev="shipped-dev", ci="shipped-ci")
    dev, ci = settings.get_profile("shipped-dev"), settings.get_profile("shipped-ci")
    assert ci.max_examples > dev.max_examples
    assert ci.derandomize
    assert ci.database is None


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({}, "shipped-dev"),
        ({"CI": "true"}, "shipped-ci"),
        ({"CI": "1", "HYPOTHESIS_PROFILE": "shipped-dev"}, "shipped-dev"),
    ],
)
def test_the_profile_is_chosen_by_the_environment(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], expected: str
) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("HYPOTHESIS_PROFILE", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    register_profiles(dev="shipped-dev", ci="shipped-ci")
    assert load_profile(dev="shipped-dev", ci="shipped-ci") == expected

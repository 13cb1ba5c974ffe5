"""Hypothesis settings profiles: a fast one for development and a thorough one for CI.

The same two profiles matchevents' own test suite uses, so that a project testing its code with
:mod:`matchevents.testing` gets the same trade-off with one call in its ``conftest.py``::

    from matchevents.testing import load_profile, register_profiles

    register_profiles()
    load_profile()  # "ci" under CI=true, else "dev"; HYPOTHESIS_PROFILE overrides both
"""

from __future__ import annotations

import os
from typing import Final

from hypothesis import HealthCheck, settings

DEV: Final = "dev"
"""The development profile's name: 50 examples, no deadline, the example database in
``.hypothesis/`` (keep that directory out of version control: add it to ``.gitignore``)."""
CI: Final = "ci"
"""The CI profile's name: 100 examples (twice the development profile's), derandomized so that
a failure repeats on the same input, no example database (nothing written into the checkout),
the failing blob printed."""

_DEV_SETTINGS: Final = settings(max_examples=50, deadline=None)
_CI_SETTINGS: Final = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)


def register_profiles(*, dev: str = DEV, ci: str = CI) -> None:
    """Register the development and CI profiles with hypothesis, under these names."""
    settings.register_profile(dev, _DEV_SETTINGS)
    settings.register_profile(ci, _CI_SETTINGS)


def load_profile(*, dev: str = DEV, ci: str = CI) -> str:
    """Load the profile named by ``HYPOTHESIS_PROFILE``, else ``ci`` when ``CI`` is true (``1``,
    ``true``, ``yes``), else ``dev``. Returns the name loaded."""
    in_ci = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
    name = os.environ.get("HYPOTHESIS_PROFILE", ci if in_ci else dev)
    settings.load_profile(name)
    return name

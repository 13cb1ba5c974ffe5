"""The match clock's bounds, written out as numbers rather than through the library's own
constants (a test against ``MAX_STOPPAGE`` would follow the constant wherever it moved), and its
refusal to compare with a number by any operator."""

from __future__ import annotations

import operator
from collections.abc import Callable

import pytest

from matchevents import InvalidValueError, MatchClock


@pytest.mark.parametrize("minute", [45, 90, 105, 120])
def test_thirty_minutes_of_stoppage_time_are_the_most_a_period_may_have(minute: int) -> None:
    assert MatchClock(minute, 30).stoppage == 30
    assert str(MatchClock(minute, 30)) == f"{minute}+30'"
    with pytest.raises(InvalidValueError, match="stoppage time 31 is not possible"):
        MatchClock(minute, 31)


def test_a_minute_of_stoppage_time_is_the_least() -> None:
    assert MatchClock(90, 1) > MatchClock(90)
    assert MatchClock(90, 0) == MatchClock(90)
    with pytest.raises(InvalidValueError, match="stoppage time -1 is not possible"):
        MatchClock(90, -1)


def test_minutes_run_from_1_to_120() -> None:
    assert (MatchClock(1).minute, MatchClock(120).minute) == (1, 120)
    for minute in (0, 121):
        with pytest.raises(InvalidValueError, match=f"got {minute}"):
            MatchClock(minute)


COMPARISONS = [operator.lt, operator.le, operator.gt, operator.ge]


@pytest.mark.parametrize("compare", COMPARISONS, ids=lambda compare: compare.__name__)
def test_a_clock_is_neither_before_nor_after_a_number(
    compare: Callable[[object, object], bool],
) -> None:
    with pytest.raises(TypeError):
        compare(MatchClock(45), 46)
    with pytest.raises(TypeError):
        compare(46, MatchClock(45))
    with pytest.raises(TypeError):
        compare(MatchClock(45, 3), 45.3)

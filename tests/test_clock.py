"""The match clock: minutes with stoppage time, totally ordered, period from minute."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matchevents import InvalidValueError, MatchClock, Period, clock
from matchevents.clock import MAX_STOPPAGE

STOPPAGE_MINUTES = (45, 90, 105, 120)


def clocks() -> st.SearchStrategy[MatchClock]:
    """Every valid clock: any regular minute, or a minute of stoppage time at a period's end."""
    regular = st.integers(1, 120).map(MatchClock)
    stoppage = st.builds(
        MatchClock, st.sampled_from(STOPPAGE_MINUTES), st.integers(1, MAX_STOPPAGE)
    )
    return st.one_of(regular, stoppage)


def key(at: MatchClock) -> tuple[int, int, int]:
    """The order football reads minutes in: by period, then minute, then stoppage time."""
    return (at.period, at.minute, at.stoppage)


# -- ordering -----------------------------------------------------------------------------------


def test_stoppage_time_comes_after_its_minute_and_before_the_next() -> None:
    assert MatchClock(45) < MatchClock(45, 3) < MatchClock(46)
    assert MatchClock(90, 7) < MatchClock(91)
    assert MatchClock(105, 2) < MatchClock(106)
    assert MatchClock(120) < MatchClock(120, 1)


def test_more_stoppage_time_is_later() -> None:
    assert MatchClock(45, 1) < MatchClock(45, 2)
    assert MatchClock(90, 10) > MatchClock(90, 9)


def test_sorting_follows_the_match() -> None:
    written = ["90+7", "46", "45+3", "91", "45", "1", "120+1", "90"]
    in_order = sorted(MatchClock.parse(text) for text in written)
    assert [str(at) for at in in_order] == [
        "1'",
        "45'",
        "45+3'",
        "46'",
        "90'",
        "90+7'",
        "91'",
        "120+1'",
    ]


def test_equal_clocks_are_equal_and_hash_alike() -> None:
    assert MatchClock(45, 3) == MatchClock(45, 3)
    assert MatchClock(45, 3) <= MatchClock(45, 3) <= MatchClock(45, 3)
    assert MatchClock(45) == MatchClock(45, 0)
    assert MatchClock(45, 3) != MatchClock(45)
    assert len({MatchClock(45, 3), MatchClock(45, 3), MatchClock(45)}) == 2


def test_a_clock_does_not_compare_with_a_number() -> None:
    with pytest.raises(TypeError):
        _ = MatchClock(45) < 46  # type: ignore[operator]
    assert MatchClock(45) != 45  # type: ignore[comparison-overlap]


@given(clocks(), clocks())
def test_ordering_agrees_with_period_minute_stoppage(a: MatchClock, b: MatchClock) -> None:
    assert (a < b) == (key(a) < key(b))
    assert (a <= b) == (key(a) <= key(b))
    assert (a > b) == (key(a) > key(b))
    assert (a >= b) == (key(a) >= key(b))
    assert (a == b) == (key(a) == key(b))


@given(clocks(), clocks())
def test_ordering_is_total_and_antisymmetric(a: MatchClock, b: MatchClock) -> None:
    assert a <= b or b <= a
    assert [a < b, a == b, a > b].count(True) == 1
    if a <= b and b <= a:
        assert a == b
        assert hash(a) == hash(b)


@given(clocks(), clocks(), clocks())
def test_ordering_is_transitive(a: MatchClock, b: MatchClock, c: MatchClock) -> None:
    low, mid, high = sorted((a, b, c))
    assert low <= mid <= high
    assert low <= high
    if low < mid or mid < high:
        assert low < high


def test_ordering_on_every_neighbouring_pair_of_minutes() -> None:
    every = [
        MatchClock(minute, stoppage)
        for minute in range(1, 121)
        for stoppage in ((0, 1, MAX_STOPPAGE) if minute in STOPPAGE_MINUTES else (0,))
    ]
    for earlier, later in itertools.pairwise(every):
        assert earlier < later, (earlier, later)
        assert key(earlier) < key(later)


# -- periods ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("at", "period"),
    [
        (MatchClock(1), Period.FIRST_HALF),
        (MatchClock(45), Period.FIRST_HALF),
        (MatchClock(45, 3), Period.FIRST_HALF),
        (MatchClock(46), Period.SECOND_HALF),
        (MatchClock(90, 7), Period.SECOND_HALF),
        (MatchClock(91), Period.EXTRA_TIME_FIRST_HALF),
        (MatchClock(105, 1), Period.EXTRA_TIME_FIRST_HALF),
        (MatchClock(106), Period.EXTRA_TIME_SECOND_HALF),
        (MatchClock(120, 4), Period.EXTRA_TIME_SECOND_HALF),
    ],
)
def test_the_period_follows_from_the_minute(at: MatchClock, period: Period) -> None:
    assert at.period is period


@given(clocks())
def test_every_clock_lies_within_its_period(at: MatchClock) -> None:
    period = at.period
    assert period.first_minute <= at.minute <= period.last_minute
    assert not at.stoppage or at.minute == period.last_minute


def test_periods_are_ordered_and_labelled() -> None:
    assert list(Period) == sorted(Period)
    assert [p.label for p in Period] == ["1H", "2H", "ET1", "ET2", "PEN"]
    assert [p for p in Period if p.is_extra_time] == [
        Period.EXTRA_TIME_FIRST_HALF,
        Period.EXTRA_TIME_SECOND_HALF,
    ]
    assert Period.PENALTY_SHOOTOUT.first_minute == 121


# -- text ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("23", MatchClock(23)),
        ("45+3", MatchClock(45, 3)),
        ("90+7'", MatchClock(90, 7)),
        (" 45 + 2 ' ", MatchClock(45, 2)),
        ("120+1", MatchClock(120, 1)),
        ("1'", MatchClock(1)),
    ],
)
def test_parse_reads_minutes_as_football_writes_them(text: str, expected: MatchClock) -> None:
    assert MatchClock.parse(text) == expected


def test_str_writes_minutes_as_football_does() -> None:
    assert str(MatchClock(23)) == "23'"
    assert str(MatchClock(45, 3)) == "45+3'"
    assert str(clock(90, 7)) == "90+7'"


@given(clocks())
def test_parse_reads_back_what_str_writes(at: MatchClock) -> None:
    assert MatchClock.parse(str(at)) == at


@pytest.mark.parametrize("text", ["", "abc", "45+", "+3", "45-3", "45+3+1", "0", "121", "46+1"])
def test_parse_rejects_what_is_not_a_minute(text: str) -> None:
    with pytest.raises(InvalidValueError):
        MatchClock.parse(text)


def test_parse_error_quotes_the_text() -> None:
    with pytest.raises(InvalidValueError, match="'half-time'"):
        MatchClock.parse("half-time")


# -- invalid values -----------------------------------------------------------------------------


@pytest.mark.parametrize("minute", [0, -1, 121, 1000])
def test_minutes_outside_1_to_120_are_rejected(minute: int) -> None:
    with pytest.raises(InvalidValueError, match=str(minute)):
        MatchClock(minute)


@pytest.mark.parametrize("minute", [45.0, "45", True, None])
def test_minutes_must_be_ints(minute: object) -> None:
    with pytest.raises(InvalidValueError):
        MatchClock(minute)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("minute", "stoppage"),
    [(46, 1), (44, 2), (1, 1), (91, 1), (45, -1), (90, MAX_STOPPAGE + 1), (90, -5)],
)
def test_stoppage_time_only_at_the_end_of_a_period(minute: int, stoppage: int) -> None:
    with pytest.raises(InvalidValueError, match=f"stoppage time {stoppage}"):
        MatchClock(minute, stoppage)


@pytest.mark.parametrize("stoppage", [1.5, "3", None, True, False, 0.0])
def test_stoppage_time_must_be_an_int(stoppage: object) -> None:
    with pytest.raises(InvalidValueError):
        MatchClock(45, stoppage)  # type: ignore[arg-type]


def test_the_longest_stoppage_time_is_accepted() -> None:
    assert MatchClock(90, MAX_STOPPAGE).stoppage == MAX_STOPPAGE


def test_clocks_are_immutable() -> None:
    at = MatchClock(45, 3)
    with pytest.raises(AttributeError):
        at.minute = 46  # type: ignore[misc]

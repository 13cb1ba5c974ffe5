"""The score-timeline picture: it renders, and its steps are the score projection's scores.

The plotted lines are read back from the Axes (each side's line is a steps-post line labelled with
its team) and compared with what time travel over :data:`SCORE` says the score was at each event's
clock. Skipped where matplotlib (the ``plot`` extra) is not installed.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

pytest.importorskip("matplotlib", reason="the plot extra (matplotlib) is not installed")

import matplotlib

matplotlib.use("Agg")

from hypothesis import given
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from matches import shootout_by_its_score
from matchevents import (
    Card,
    CardKind,
    Event,
    Goal,
    GoalAnnulled,
    KickOutcome,
    MatchAbandoned,
    MatchAwarded,
    MatchFormat,
    MatchScheduled,
    Period,
    PeriodEnded,
    PeriodStarted,
    ProjectionError,
    Score,
    ShootoutKick,
    Side,
    clock,
    full_time,
    half_time,
    kick_off,
)
from matchevents.importers import import_openfootball_json
from matchevents.plotting import CARD_COLOURS, minute_position, plot_score_timeline
from matchevents.projections import SCORE, score_line, state_at_minute, with_clocks
from matchevents.testing import matches

ISTANBUL = "ucl-2004-05-final-milan-liverpool"


def _goal(side: Side, scorer: str, minute: int, stoppage: int = 0) -> Goal:
    return Goal(match_id=ISTANBUL, side=side, scorer=scorer, at=clock(minute, stoppage))


def istanbul() -> list[Event]:
    """The 2005 Champions League final, as the Istanbul tutorial writes it."""
    kicks = [
        (Side.HOME, "Serginho", KickOutcome.MISSED),
        (Side.AWAY, "Dietmar Hamann", KickOutcome.SCORED),
        (Side.HOME, "Andrea Pirlo", KickOutcome.SAVED),
        (Side.AWAY, "Djibril Cissé", KickOutcome.SCORED),
        (Side.HOME, "Jon Dahl Tomasson", KickOutcome.SCORED),
        (Side.AWAY, "John Arne Riise", KickOutcome.SAVED),
        (Side.HOME, "Kaká", KickOutcome.SCORED),
        (Side.AWAY, "Vladimír Šmicer", KickOutcome.SCORED),
        (Side.HOME, "Andriy Shevchenko", KickOutcome.SAVED),
    ]
    return [
        MatchScheduled(
            match_id=ISTANBUL,
            home="AC Milan",
            away="Liverpool",
            competition="UEFA Champions League",
            season="2004-05",
            format=MatchFormat.knockout(),
        ),
        kick_off(ISTANBUL),
        _goal(Side.HOME, "Paolo Maldini", 1),
        _goal(Side.HOME, "Hernán Crespo", 39),
        _goal(Side.HOME, "Hernán Crespo", 44),
        half_time(ISTANBUL, Score(3, 0)),
        PeriodStarted(match_id=ISTANBUL, period=Period.SECOND_HALF),
        _goal(Side.AWAY, "Steven Gerrard", 54),
        _goal(Side.AWAY, "Vladimír Šmicer", 56),
        _goal(Side.AWAY, "Xabi Alonso", 60),
        full_time(ISTANBUL, Score(3, 3)),
        PeriodStarted(match_id=ISTANBUL, period=Period.EXTRA_TIME_FIRST_HALF),
        PeriodEnded(match_id=ISTANBUL, period=Period.EXTRA_TIME_FIRST_HALF),
        PeriodStarted(match_id=ISTANBUL, period=Period.EXTRA_TIME_SECOND_HALF),
        PeriodEnded(match_id=ISTANBUL, period=Period.EXTRA_TIME_SECOND_HALF),
        PeriodStarted(match_id=ISTANBUL, period=Period.PENALTY_SHOOTOUT),
        *(
            ShootoutKick(match_id=ISTANBUL, side=side, taker=taker, outcome=outcome)
            for side, taker, outcome in kicks
        ),
        PeriodEnded(match_id=ISTANBUL, period=Period.PENALTY_SHOOTOUT),
    ]


def plotted_score(ax: Axes, home: str, away: str, x: float) -> Score:
    """The score the picture shows at ``x``: each labelled steps-post line's value there."""

    def value(label: str) -> int:
        (line,) = [line for line in ax.get_lines() if line.get_label() == label]
        assert line.get_drawstyle() == "steps-post"
        points = list(zip(line.get_xdata(), line.get_ydata(), strict=True))
        return int(next(y for px, y in reversed(points) if px <= x))

    return Score(value(home), value(away))


def steps(ax: Axes, label: str) -> list[tuple[float, int]]:
    """The points of a side's line where its value changes (and where it starts)."""
    (line,) = [line for line in ax.get_lines() if line.get_label() == label]
    points = list(zip(line.get_xdata(), line.get_ydata(), strict=True))
    return [
        (float(x), int(y)) for i, (x, y) in enumerate(points) if i == 0 or points[i - 1][1] != y
    ]


def test_the_istanbul_final_renders_to_a_png(tmp_path: Path) -> None:
    ax = plot_score_timeline(istanbul())
    target = tmp_path / "istanbul.png"

    ax.figure.savefig(target)

    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert target.stat().st_size > 10_000
    assert isinstance(ax.figure, Figure)
    assert ax.get_title() == "AC Milan 3-3 Liverpool\nHT 3-0, FT 3-3, AET 3-3, pens 2-3"


def test_a_shootout_known_only_by_its_score_is_in_the_title_as_if_kicked() -> None:
    ax = plot_score_timeline(shootout_by_its_score(istanbul()))

    assert ax.get_title() == "AC Milan 3-3 Liverpool\nHT 3-0, FT 3-3, AET 3-3, pens 2-3"
    assert steps(ax, "Liverpool") == [(0, 0), (54, 1), (56, 2), (60, 3)]


def test_the_istanbul_steps_are_the_goals_of_the_comeback() -> None:
    ax = plot_score_timeline(istanbul())

    assert steps(ax, "AC Milan") == [(0, 0), (1, 1), (39, 2), (44, 3)]
    assert steps(ax, "Liverpool") == [(0, 0), (54, 1), (56, 2), (60, 3)]
    assert ax.get_xlim()[1] >= 120, "extra time was played, so the axis runs to 120"


def test_the_2022_world_cup_final_imported_from_real_data(
    shared_data: Path, tmp_path: Path
) -> None:
    imported = import_openfootball_json(shared_data / "openfootball" / "worldcup.2022.json")
    (final,) = [match for match in imported.matches if match.round == "Final"]

    ax = plot_score_timeline(final.events)
    ax.figure.savefig(tmp_path / "lusail.png")

    assert steps(ax, "Argentina") == [(0, 0), (23, 1), (36, 2), (108, 3)]
    assert steps(ax, "France") == [(0, 0), (80, 1), (81, 2), (118, 3)]
    assert ax.get_title() == "Argentina 3-3 France\nHT 2-0, FT 2-2, AET 3-3, pens 4-2"
    assert (tmp_path / "lusail.png").stat().st_size > 10_000


def test_goals_are_annotated_with_scorer_and_minute() -> None:
    ax = plot_score_timeline(istanbul())

    labels = [text.get_text() for text in ax.texts]

    assert labels[:3] == ["Paolo Maldini 1'", "Hernán Crespo 39'", "Hernán Crespo 44'"]
    assert "Xabi Alonso 60'" in labels


@given(matches(extreme=True))
def test_the_plotted_score_at_every_event_is_the_score_projection_at_that_minute(
    events: Sequence[Event],
) -> None:
    schedule = events[0]
    assert isinstance(schedule, MatchScheduled)
    ax = plot_score_timeline(events)

    for at, _event in with_clocks(events):
        if at is not None:
            expected = state_at_minute(SCORE, events, at).line.live
            assert plotted_score(ax, schedule.home, schedule.away, minute_position(at)) == expected
    assert plotted_score(ax, schedule.home, schedule.away, 200.0) == score_line(events).live


def test_an_annulled_goal_steps_back_down_where_it_was_annulled() -> None:
    events = [
        *istanbul()[:2],
        _goal(Side.HOME, "Paolo Maldini", 1),
        _goal(Side.AWAY, "Luis García", 30),
        GoalAnnulled(match_id=ISTANBUL, goal_version=4),
        half_time(ISTANBUL, Score(1, 0)),
    ]

    ax = plot_score_timeline(events)

    assert steps(ax, "Liverpool") == [(0, 0), (30, 1), (30, 0)]
    assert plotted_score(ax, "AC Milan", "Liverpool", 45) == Score(1, 0)
    assert [text.get_text() for text in ax.texts] == [
        "Paolo Maldini 1'",
        "Luis García 30' (annulled)",
    ]
    hollow = [line for line in ax.get_lines() if line.get_markerfacecolor() == "white"]
    assert [(float(line.get_xdata()[0]), int(line.get_ydata()[0])) for line in hollow] == [(30, 1)]


def test_an_abandoned_match_stops_its_lines_where_play_stopped() -> None:
    events = [
        *istanbul()[:3],
        MatchAbandoned(match_id=ISTANBUL, at=clock(30), reason="a storm"),
        MatchAwarded(match_id=ISTANBUL, score=Score(0, 3), reason="Milan left the pitch"),
    ]

    ax = plot_score_timeline(events)

    for team in ("AC Milan", "Liverpool"):
        (line,) = [line for line in ax.get_lines() if line.get_label() == team]
        assert max(line.get_xdata()) == 30
    assert plotted_score(ax, "AC Milan", "Liverpool", 30) == Score(1, 0), "the score on the pitch"
    assert ax.get_title() == "AC Milan 0-3 Liverpool\nawarded, 1-0 on the pitch"
    assert ax.get_xlim()[1] >= 90, "the axis still shows the whole match"


def test_a_coarse_match_steps_at_the_period_ends_that_record_its_score() -> None:
    events = [
        *istanbul()[:2],
        half_time(ISTANBUL, Score(3, 0)),
        PeriodStarted(match_id=ISTANBUL, period=Period.SECOND_HALF),
        full_time(ISTANBUL, Score(3, 3)),
    ]

    ax = plot_score_timeline(events)

    assert steps(ax, "AC Milan") == [(0, 0), (45, 3)]
    assert steps(ax, "Liverpool") == [(0, 0), (90, 3)]


def test_cards_are_squares_in_their_colour_on_their_side_line() -> None:
    events = [
        *istanbul()[:3],
        Card(match_id=ISTANBUL, side=Side.AWAY, player="Jamie Carragher", at=clock(45, 2)),
        Card(
            match_id=ISTANBUL,
            side=Side.HOME,
            player="Andrea Pirlo",
            at=clock(45, 3),
            kind=CardKind.RED,
        ),
    ]

    ax = plot_score_timeline(events)

    squares = {
        (float(line.get_xdata()[0]), int(line.get_ydata()[0]), line.get_color())
        for line in ax.get_lines()
        if line.get_marker() == "s" and len(line.get_xdata()) > 0
    }
    assert squares == {
        (minute_position(clock(45, 2)), 0, CARD_COLOURS["yellow"]),
        (minute_position(clock(45, 3)), 1, CARD_COLOURS["red"]),
    }
    legend = [text.get_text() for text in ax.get_legend().get_texts()]
    assert legend == ["AC Milan", "Liverpool", "yellow card", "red card"]


def test_it_draws_into_the_axes_it_is_given() -> None:
    figure = Figure()
    given_ax = figure.add_subplot()

    ax = plot_score_timeline(istanbul(), ax=given_ax)

    assert ax is given_ax
    assert {line.get_label() for line in ax.get_lines()} >= {"AC Milan", "Liverpool"}


def test_a_match_without_a_schedule_names_its_sides_home_and_away() -> None:
    ax = plot_score_timeline(istanbul()[1:6])

    assert steps(ax, "home") == [(0, 0), (1, 1), (39, 2), (44, 3)]
    assert ax.get_title() == "home 3-0 away\nHT 3-0"


def test_events_of_two_matches_are_refused_naming_both() -> None:
    other = kick_off("another-match")

    with pytest.raises(ProjectionError, match="'ucl-2004-05-final-milan-liverpool' and "):
        plot_score_timeline([*istanbul()[:2], other])


def test_without_matplotlib_the_import_says_which_extra_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delitem(sys.modules, "matchevents.plotting")
    monkeypatch.setitem(sys.modules, "matplotlib.axes", None)

    with pytest.raises(ModuleNotFoundError, match=r"matchevents\[plot\]"):
        importlib.import_module("matchevents.plotting")

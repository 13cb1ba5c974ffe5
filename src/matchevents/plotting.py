"""A picture of a match: the running score over the minutes, with goals and cards marked.

Needs matplotlib (``pip install "matchevents[plot]"``). The picture is drawn from the library's
own read models, never from a second reading of the events: the steps are the live score of
:data:`~matchevents.projections.SCORE` after each event (:func:`~matchevents.projections.scan`),
placed at the event's clock (:func:`~matchevents.projections.with_clocks`), so an annulled goal
steps back down and a score recorded at a period end (a coarse source) steps at that end.

The figure is a plain :class:`matplotlib.figure.Figure` that touches no global pyplot state, so it
is safe in servers and loops; a notebook shows it, a script saves it:

    ax = plot_score_timeline(events)
    ax.figure.savefig("istanbul.png")
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

try:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
except ModuleNotFoundError as missing:  # pragma: no cover - depends on the environment
    raise ModuleNotFoundError(
        "matchevents.plotting needs matplotlib: pip install 'matchevents[plot]'",
        name=missing.name,
    ) from missing

from matchevents.clock import MAX_STOPPAGE, MatchClock, Period
from matchevents.errors import ProjectionError
from matchevents.events import (
    Card,
    Event,
    Goal,
    GoalAnnulled,
    MatchAbandoned,
    MatchScheduled,
    PeriodEnded,
)
from matchevents.projections.base import scan
from matchevents.projections.score import SCORE, ScoreLine
from matchevents.projections.timetravel import with_clocks
from matchevents.score import NIL_NIL, Score, Side

__all__ = ["CARD_COLOURS", "SIDE_COLOURS", "minute_position", "plot_score_timeline"]

SIDE_COLOURS: Final = {Side.HOME: "#1f5fa8", Side.AWAY: "#c8102e"}
"""Line and goal-marker colours of the two sides (blue for home, red for away)."""
CARD_COLOURS: Final = {"yellow": "#f2c500", "second_yellow": "#e8590c", "red": "#d00000"}
"""Card marker colours by :class:`~matchevents.events.CardKind` value."""


def minute_position(at: MatchClock) -> float:
    """Where a match clock sits on the picture's minute axis.

    The minute itself, with stoppage time squeezed in before the next minute (45+3 sits just
    after 45 and before 46), so the axis keeps the order of the clocks.

    >>> from matchevents import clock
    >>> minute_position(clock(46)) > minute_position(clock(45, 30)) > minute_position(clock(45))
    True
    """
    return at.minute + at.stoppage / (MAX_STOPPAGE + 1)


def plot_score_timeline(events: Iterable[Event], ax: Axes | None = None) -> Axes:
    """Draw one match's running score over the minutes, goals and cards marked; return the Axes.

    Each side's goals are a step line (its label is the team's name from the schedule, or
    ``home``/``away`` without one); a goal is a dot with its scorer and minute, a card a square on
    its side's line, a period end a dotted line, an abandonment a solid one where the lines stop.
    An annulled goal is a hollow dot marked ``(annulled)``, where its line steps up and back down.
    The title is the
    :class:`~matchevents.projections.ScoreLine` (``AC Milan 3-3 Liverpool`` and the phases,
    shoot-out included). Draws into ``ax`` when given, otherwise into a new figure
    (``ax.figure``).

    Raises:
        ProjectionError: the events belong to more than one match, or an annulment names a
            version that is not a goal that stands.
    """
    events = list(events)
    _one_match(events)
    schedule = next((event for event in events if type(event) is MatchScheduled), None)
    names = {
        Side.HOME: schedule.home if schedule is not None else "home",
        Side.AWAY: schedule.away if schedule is not None else "away",
    }
    if ax is None:
        ax = Figure(figsize=(9.0, 4.5), layout="constrained").add_subplot()

    annulled = {event.goal_version for event in events if type(event) is GoalAnnulled}
    steps: list[tuple[float, Score]] = [(0.0, NIL_NIL)]
    line = SCORE.initial().line
    last_minute = 90.0
    stopped_at: float | None = None
    states = zip(with_clocks(events), scan(SCORE, events), strict=True)
    for version, ((at, event), state) in enumerate(states, start=1):
        line = state.line
        x = 0.0 if at is None else minute_position(at)
        if at is not None and at.period.is_extra_time:
            last_minute = 120.0
        if line.live != steps[-1][1]:
            steps.append((x, line.live))
        if type(event) is MatchAbandoned:
            stopped_at = x
        _mark(ax, event, x, line.live, annulled=version in annulled)
    end = max(last_minute, steps[-1][0])
    for side in Side:
        xs = [x for x, _ in steps] + [end if stopped_at is None else stopped_at]
        ys = [score.of(side) for _, score in steps] + [steps[-1][1].of(side)]
        ax.plot(
            xs,
            ys,
            drawstyle="steps-post",
            color=SIDE_COLOURS[side],
            # The home line is drawn wider, so that it still shows where the lines meet.
            linewidth=3.6 if side is Side.HOME else 1.8,
            label=names[side],
        )
    for kind in dict.fromkeys(event.kind for event in events if type(event) is Card):
        # A legend entry per kind of card shown (the squares carry no label of their own).
        ax.plot(
            [],
            [],
            marker="s",
            linestyle="none",
            color=CARD_COLOURS[kind.value],
            markeredgecolor="black",
            markeredgewidth=0.5,
            label=f"{kind.value.replace('_', ' ')} card",
        )
    highest = max(max(score.home, score.away) for _, score in steps)
    _decorate(ax, line, names, end, highest)
    return ax


def _one_match(events: list[Event]) -> None:
    if events:
        first = events[0].match_id
        for event in events:
            if event.match_id != first:
                raise ProjectionError(
                    f"a score timeline draws one match: events of {first!r} and "
                    f"{event.match_id!r} are mixed"
                )


def _mark(ax: Axes, event: Event, x: float, live: Score, *, annulled: bool) -> None:
    """Mark a goal (hollow if ``annulled``), card, period end or abandonment at ``x``."""
    match event:
        case Goal(side=side, scorer=scorer, at=at):
            height = live.of(side)
            ax.plot(
                [x],
                [height],
                marker="o",
                markersize=8,
                color=SIDE_COLOURS[side],
                markerfacecolor="white" if annulled else SIDE_COLOURS[side],
                markeredgecolor=SIDE_COLOURS[side] if annulled else "white",
                zorder=4,
            )
            ax.annotate(
                f"{scorer or 'unknown scorer'} {at}" + (" (annulled)" if annulled else ""),
                (x, height),
                xytext=(4, 7 if side is Side.HOME else -13),
                textcoords="offset points",
                fontsize=8,
                color=SIDE_COLOURS[side],
                # A white box keeps lines that cross a label from striking it through.
                bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 0.6},
                zorder=5,
            )
        case Card(side=side, kind=kind):
            ax.plot(
                [x],
                [live.of(side)],
                marker="s",
                markersize=6,
                linestyle="none",
                color=CARD_COLOURS[kind.value],
                markeredgecolor="black",
                markeredgewidth=0.5,
                zorder=3,
            )
        case PeriodEnded(period=period) if period is not Period.PENALTY_SHOOTOUT:
            ax.axvline(period.last_minute, color="grey", linestyle=":", linewidth=1, zorder=1)
        case MatchAbandoned():
            ax.axvline(x, color="black", linewidth=1.5, zorder=1)
            ax.annotate("abandoned", (x, 0), xytext=(3, 3), textcoords="offset points", fontsize=8)
        case _:
            pass


def _decorate(ax: Axes, line: ScoreLine, names: dict[Side, str], end: float, highest: int) -> None:
    phases = line.phases
    title = f"{names[Side.HOME]} {line.final} {names[Side.AWAY]}"
    ax.set_title(f"{title}\n{phases}" if phases else title, fontsize=11)
    ticks = [minute for minute in (0, 15, 30, 45, 60, 75, 90, 105, 120) if minute <= end]
    ax.set_xticks(ticks)
    ax.set_xlim(0, end + 1)
    top = max(highest, 1)
    ax.set_yticks(range(top + 1))
    ax.set_ylim(-0.4, top + 0.8)
    ax.set_xlabel("minute")
    ax.set_ylabel("goals")
    ax.grid(axis="y", alpha=0.3)
    ax.legend(loc="best", frameon=False)

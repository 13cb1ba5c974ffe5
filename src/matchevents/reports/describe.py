"""Events, results and matches in words, as the reports and the command print them."""

from __future__ import annotations

from typing import Any, Final

from matchevents.clock import Period
from matchevents.events import (
    Card,
    Goal,
    GoalAnnulled,
    GoalKind,
    LineupAnnounced,
    MatchAbandoned,
    MatchAwarded,
    MatchPostponed,
    MatchScheduled,
    PeriodEnded,
    PeriodStarted,
    ShootoutKick,
    Substitution,
)
from matchevents.projections import MatchResult

__all__ = ["describe", "match_title", "result_text"]

_PERIOD_NAMES: Final = {
    Period.FIRST_HALF: "first half",
    Period.SECOND_HALF: "second half",
    Period.EXTRA_TIME_FIRST_HALF: "extra time, first half",
    Period.EXTRA_TIME_SECOND_HALF: "extra time, second half",
    Period.PENALTY_SHOOTOUT: "penalty shoot-out",
}
_PERIOD_ENDS: Final = {
    Period.FIRST_HALF: "half-time",
    Period.SECOND_HALF: "full-time",
    Period.EXTRA_TIME_FIRST_HALF: "end of extra time, first half",
    Period.EXTRA_TIME_SECOND_HALF: "end of extra time",
    Period.PENALTY_SHOOTOUT: "end of the shoot-out",
}


def describe(event: Any, schedule: MatchScheduled | None = None) -> str:
    """One event in words, naming teams where the schedule is known."""

    def team(side: Any) -> str:
        return side.value if schedule is None else schedule.team(side)

    match event:
        case MatchScheduled():
            parts = [event.competition, event.season, event.stage]
            if event.venue:
                parts.append(event.venue)
            return f"scheduled: {event.home} v {event.away} ({', '.join(p for p in parts if p)})"
        case LineupAnnounced():
            return f"line-up {team(event.side)}: {', '.join(event.starting)}"
        case PeriodStarted(period=Period.FIRST_HALF):
            return "kick-off"
        case PeriodStarted():
            return f"{_PERIOD_NAMES[event.period]} begins"
        case PeriodEnded():
            recorded = "" if event.score is None else f" (recorded {event.score})"
            penalties = "" if event.penalties is None else f": {event.penalties} on penalties"
            return _PERIOD_ENDS[event.period] + recorded + penalties
        case Goal():
            kind = {GoalKind.PENALTY: " (pen.)", GoalKind.OWN_GOAL: " (o.g.)"}.get(event.kind, "")
            assist = f", assist {event.assist}" if event.assist else ""
            return f"goal {team(event.side)}: {event.scorer or 'unknown scorer'}{kind}{assist}"
        case GoalAnnulled():
            return f"goal of version {event.goal_version} annulled ({event.reason.value})"
        case ShootoutKick():
            taker = event.taker or "unknown taker"
            return f"penalty {team(event.side)}: {taker} {event.outcome.value.replace('_', ' ')}"
        case Card():
            return f"{event.kind.value.replace('_', ' ')} card {team(event.side)}: {event.player}"
        case Substitution():
            return f"substitution {team(event.side)}: {event.player_on} for {event.player_off}"
        case MatchAbandoned():
            return "abandoned" + (f": {event.reason}" if event.reason else "")
        case MatchAwarded():
            return f"awarded {event.score}" + (f": {event.reason}" if event.reason else "")
        case MatchPostponed():
            later = "" if event.new_kickoff is None else f", new kick-off {event.new_kickoff}"
            return "postponed" + (f": {event.reason}" if event.reason else "") + later
        case _:
            return type(event).__name__


def result_text(result: MatchResult) -> str:
    """A match's line in a list of results: ``Atalanta 0-1 Liverpool (HT 0-1, FT 0-1), aggregate
    3-1``; a match not over says where it stands (``[in play]``, ``(scheduled)``)."""
    text = str(result)
    status = result.status.value
    if result.decided_by is None:
        if status == "scheduled":
            return f"{result.home} v {result.away} (scheduled)"
        text += f" [{status.replace('_', ' ')}]"
    aggregate = result.aggregate
    if aggregate is not None:
        text += f", aggregate {aggregate}"
    return text


def match_title(schedule: MatchScheduled) -> str:
    """``Atalanta v Liverpool: UEFA Europa League 2023-24, Quarter-final, 2024-04-18 21:00, ...``:
    the teams, competition, stage, kick-off (or date) and venue."""
    details = [f"{schedule.competition} {schedule.season}"]
    if schedule.stage:
        details.append(schedule.stage)
    if schedule.kickoff is not None:
        details.append(schedule.kickoff.strftime("%Y-%m-%d %H:%M"))
    elif schedule.date is not None:
        details.append(schedule.date.isoformat())
    if schedule.venue:
        details.append(schedule.venue)
    return f"{schedule.home} v {schedule.away}: {', '.join(details)}"

"""From :class:`~matchevents.importers.kloppy.facts.MatchFacts` to one match's validated events.

The events, in order: the schedule, each side's line-up (where the metadata names a starting
eleven), then every period kloppy lists, started and ended, with the goals, cards and
substitutions of that period in the provider's order between, and the shoot-out's kicks in its
own. The final score the provider records is written at the end of the last period of play (the
half-time score at half-time, where it records one), so that the timeline checks the goals
against it. Nothing else is added: the referee's added time, a goal disallowed after a review,
an assist, are not in kloppy's model and are not invented.

A match whose events the timeline does not accept in full is rejected whole, as every importer
rejects a bad record, with the provider's event id and what is wrong.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import attrs

from matchevents.clock import Period
from matchevents.errors import InvalidValueError, RuleViolation
from matchevents.events import (
    Card,
    Event,
    Goal,
    GoalKind,
    KickOutcome,
    LineupAnnounced,
    MatchScheduled,
    PeriodEnded,
    PeriodStarted,
    ShootoutKick,
    Substitution,
)
from matchevents.formats import LEAGUE, MatchFormat
from matchevents.importers.assemble import match_id_of
from matchevents.importers.kloppy.clock import PERIODS_OF_PLAY, benefiting_side, football_clock
from matchevents.importers.kloppy.facts import (
    Booking,
    Change,
    Happening,
    MatchFacts,
    Shot,
    ShotEnd,
    Unreadable,
)
from matchevents.importers.kloppy.names import TeamNaming, club_name
from matchevents.importers.records import MatchRecord
from matchevents.importers.report import ImportedMatch, ImportProblem, Problem
from matchevents.score import Score, Side
from matchevents.timeline import Timeline

KICK_OUTCOMES = {
    ShotEnd.GOAL: KickOutcome.SCORED,
    ShotEnd.SAVED: KickOutcome.SAVED,
    ShotEnd.MISSED: KickOutcome.MISSED,
    ShotEnd.NOT_SCORED: KickOutcome.NOT_SCORED,
}
"""How a shoot-out kick ended, by how kloppy says its shot ended."""


@attrs.frozen(slots=True, kw_only=True)
class Fixture:
    """What the schedule needs beyond the facts: where the match stands, and the caller's
    fallbacks for what the provider does not say.

    Attributes:
        file: the event-data file, for the reports.
        competition: the competition.
        season: the season, e.g. ``"2020-21"``.
        date: the day of the match where the provider gives none (StatsBomb's event and line-up
            files do not).
        format: the match's format; by default a league match, or ``knockout`` where the
            provider lists extra time or a shoot-out.
        knockout: the format of a match that went to extra time or a shoot-out.
        naming: how teams are named (the bundled club registry by default).
    """

    file: str
    competition: str
    season: str
    date: date | None = None
    format: MatchFormat | None = None
    knockout: MatchFormat
    naming: TeamNaming = attrs.field(factory=TeamNaming)


class _Rejected(Exception):
    def __init__(self, problem: Problem, detail: str, rule: RuleViolation | None = None) -> None:
        self.problem = problem
        self.detail = detail
        self.violation = rule


def record_of(facts: MatchFacts, day: date, file: str) -> MatchRecord:
    """The match as a record of the importers: its day and the provider's spellings of the
    teams (for the match id and the club registry's report of unknown spellings)."""
    home, away = club_name(facts.home.team), club_name(facts.away.team)
    return MatchRecord(file=file, date=day, home=home, away=away, ft=None)


def build_match(facts: MatchFacts, day: date, fixture: Fixture) -> ImportedMatch | ImportProblem:
    """The match of ``facts`` played on ``day``, as validated events, or the problem that
    rejects it (which provider event, what is wrong)."""
    record = record_of(facts, day, fixture.file)
    naming = fixture.naming
    home, away = naming.written(record.home), naming.written(record.away)
    stage, matchday = _stage(facts.game_week)
    # By canonical names, whatever names the events carry.
    match_id = match_id_of(fixture.competition, fixture.season, record, naming.registry)
    try:
        for spelling in (record.home, record.away):
            refused = naming.refusal(spelling)
            if refused is not None:
                raise _Rejected(*refused)
        if home == away:
            raise _Rejected(
                Problem.SAME_TEAM, f"{record.home!r} and {record.away!r} are both {home!r}"
            )
        fmt = fixture.format or _format(facts, fixture.knockout)
        schedule = MatchScheduled(
            match_id=match_id,
            home=home,
            away=away,
            competition=fixture.competition,
            season=fixture.season,
            stage=stage,
            matchday=matchday,
            format=fmt,
            kickoff=facts.kickoff,
            date=None if facts.kickoff is not None else day,
        )
        events = _validated(match_id, [(schedule, None), *_events(facts, match_id)], facts)
    except _Rejected as rejected:
        violation = rejected.violation
        return ImportProblem(
            file=fixture.file,
            date=day,
            home=record.home,
            away=record.away,
            round=stage,
            problem=rejected.problem,
            rule=None if violation is None else violation.rule,
            detail=rejected.detail,
        )
    goals = [event for event in events if isinstance(event, Goal)]
    kicks = [event for event in events if isinstance(event, ShootoutKick)]
    return ImportedMatch(
        match_id=match_id,
        events=events,
        file=fixture.file,
        date=day,
        home=home,
        away=away,
        source_home=None if home == record.home else record.home,
        source_away=None if away == record.away else record.away,
        round=stage,
        ft=_count(goal.side for goal in goals if not goal.at.period.is_extra_time),
        final=_count(goal.side for goal in goals),
        shootout=_count(kick.side for kick in kicks if kick.scored) if kicks else None,
    )


def _format(facts: MatchFacts, knockout: MatchFormat) -> MatchFormat:
    beyond_ninety = any(period > Period.SECOND_HALF for period in facts.periods)
    return knockout if beyond_ninety else LEAGUE


def _stage(game_week: str | None) -> tuple[str | None, int | None]:
    """The stage and match day of kloppy's ``game_week``: a number is a match day."""
    if game_week is None or not game_week.strip():
        return None, None
    text = game_week.strip()
    if text.isdigit() and int(text) >= 1:
        return f"Matchday {int(text)}", int(text)
    return text, None


# An event with the provider's event id it comes from (None for what the adapter adds).
_Sourced = tuple[Event, str | None]


def _events(facts: MatchFacts, match_id: str) -> Iterator[_Sourced]:
    for squad in (facts.home, facts.away):
        if squad.starting:
            lineup = LineupAnnounced(
                match_id=match_id,
                side=squad.side,
                starting=squad.starting,
                substitutes=squad.substitutes,
            )
            yield lineup, None
    by_period: dict[Period, list[Happening]] = {}
    for happening in facts.happenings:
        by_period.setdefault(happening.at.period, []).append(happening)
    played = [period for period in facts.periods if period in PERIODS_OF_PLAY]
    last_of_play = played[-1] if played else None
    for period in facts.periods:
        yield PeriodStarted(match_id=match_id, period=period), None
        for happening in by_period.pop(period, []):
            yield _event(happening, match_id), happening.at.event_id
        score = None
        if period is Period.FIRST_HALF:
            score = facts.half_time
        if period is last_of_play:
            score = facts.score
        yield PeriodEnded(match_id=match_id, period=period, score=score), None
    # Events of periods kloppy does not list: the timeline rejects them, naming the event.
    for rest in by_period.values():
        for happening in rest:
            yield _event(happening, match_id), happening.at.event_id


def _event(happening: Happening, match_id: str) -> Event:
    at = happening.at
    where = f"{_name(at.period)} event {at.event_id}"
    if isinstance(happening, Unreadable):
        raise _Rejected(Problem.UNPARSABLE, f"{where}: {happening.detail}")
    if isinstance(happening, Shot) and at.period is Period.PENALTY_SHOOTOUT:
        outcome = KICK_OUTCOMES.get(happening.end)
        if outcome is None:
            raise _Rejected(Problem.UNPARSABLE, f"{where}: a shoot-out kick ended as an own goal")
        return ShootoutKick(
            match_id=match_id, side=happening.side, taker=happening.player, outcome=outcome
        )
    try:
        clock = football_clock(at.period, at.elapsed)
    except InvalidValueError as error:
        raise _Rejected(Problem.UNPARSABLE, f"{where}: {error}") from None
    match happening:
        case Shot():
            own_goal = happening.end is ShotEnd.OWN_GOAL
            kind = (
                GoalKind.OWN_GOAL
                if own_goal
                else GoalKind.PENALTY
                if happening.penalty
                else GoalKind.OPEN_PLAY
            )
            return Goal(
                match_id=match_id,
                side=benefiting_side(happening.side, own_goal=own_goal),
                scorer=happening.player,
                at=clock,
                kind=kind,
            )
        case Booking():
            return Card(
                match_id=match_id,
                side=happening.side,
                player=happening.player,
                at=clock,
                kind=happening.card,
            )
        case Change():
            return Substitution(
                match_id=match_id,
                side=happening.side,
                player_off=happening.player_off,
                player_on=happening.player_on,
                at=clock,
            )


def _validated(match_id: str, sourced: list[_Sourced], facts: MatchFacts) -> tuple[Event, ...]:
    timeline = Timeline(match_id)
    for event, source in sourced:
        try:
            timeline.append(event)
        except RuleViolation as violation:
            where = (
                _described(event)
                if source is None
                else (f"{facts.provider} event {source} ({_described(event)})")
            )
            raise _Rejected(
                Problem.RULE_BROKEN, f"{where}: {violation.detail}", violation
            ) from None
    if not timeline.is_over:
        raise _Rejected(
            Problem.RESULT_UNDECIDED,
            f"the match stands {timeline.score} after the {_name(timeline.period)}, and the "
            f"{facts.provider} data has nothing after it",
        )
    return tuple(timeline.events)


def _described(event: Event) -> str:
    """An event in words: ``"own goal at 52' (Merih Demiral, for away)"``."""
    match event:
        case Goal():
            what = event.kind.value.replace("_", " ").replace("open play", "goal")
            scorer = event.scorer or "no scorer named"
            return f"{what} at {event.at} ({scorer}, for {event.side.value})"
        case Card():
            return f"{event.kind.value.replace('_', ' ')} card at {event.at} ({event.player})"
        case Substitution():
            return f"substitution at {event.at} ({event.player_off} off, {event.player_on} on)"
        case ShootoutKick():
            return f"shoot-out kick ({event.taker or 'no taker named'}, {event.outcome.value})"
        case LineupAnnounced():
            return f"line-up of the {event.side.value} side"
        case PeriodStarted():
            return f"start of the {_name(event.period)}"
        case PeriodEnded():
            recorded = "" if event.score is None else f" (recorded score {event.score})"
            return f"end of the {_name(event.period)}{recorded}"
        case _:
            return type(event).__name__


def _name(period: Period | None) -> str:
    return "kick-off" if period is None else period.name.lower().replace("_", " ")


def _count(sides: Iterator[Side] | list[Side]) -> Score:
    home = away = 0
    for side in sides:
        if side is Side.HOME:
            home += 1
        else:
            away += 1
    return Score(home, away)

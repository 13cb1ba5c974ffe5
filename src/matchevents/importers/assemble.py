"""From match records to validated events: formats, two-legged ties, checks, the timeline.

The format readers produce :class:`~matchevents.importers.records.MatchRecord` values;
:func:`assemble` decides each match's :class:`~matchevents.formats.MatchFormat` (league, a leg of a
two-legged tie, a single knockout match), builds its events, runs the importer-level checks and
then the match's own :class:`~matchevents.timeline.Timeline`, and reports every record that fails.

A record's date is the schedule's ``kickoff`` together with its time, or the schedule's ``date``
where the source gives no time (football-data.co.uk's older CSVs, RSSSF lists).

Coarse records (half-time and full-time scores only) become period events that carry the recorded
score (``half_time(match_id, ht)``, ``full_time(match_id, ft)``, ``end_of_extra_time(match_id,
et)``): no goal and no minute is invented. A shoot-out, which the sources give only as its score,
ends with that score (``end_of_shootout(match_id, pens)``) and no kick: who kicked first, who
took each kick and which failed are not invented either. Goal lists become
:class:`~matchevents.events.Goal` events, and the recorded scores then check them.

Teams are named by a club registry (:mod:`matchevents.teams`, the bundled one by default): the
events carry each club's canonical name, and the match id is made of them, so the same match from
two sources gets one id. A spelling the registry names no single club by is written as the source
writes it (:func:`unknown_teams` lists them), or refused with ``strict_teams``; ``source_names``
keeps every name as written in the events (the id is still canonical).
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Final

import attrs

from matchevents.clock import MatchClock, Period
from matchevents.competitions.rulesets import (
    UEFA_KNOCKOUT_FROM_2021,
    UEFA_KNOCKOUT_UNTIL_2021,
    TieRules,
)
from matchevents.errors import BadRecordError, InvalidValueError, RuleViolation
from matchevents.events import (
    Event,
    Goal,
    GoalKind,
    MatchAbandoned,
    MatchAwarded,
    MatchScheduled,
    PeriodEnded,
    PeriodStarted,
    end_of_extra_time,
    end_of_shootout,
    full_time,
    half_time,
    kick_off,
)
from matchevents.formats import LEAGUE, MatchFormat
from matchevents.importers.records import MatchRecord
from matchevents.importers.report import (
    CardCounts,
    ImportedMatch,
    ImportProblem,
    OnError,
    Problem,
    UnknownTeam,
)
from matchevents.rules import shootout_can_end_on
from matchevents.score import Score, Side
from matchevents.teams import ClubRegistry, Lookup, bundled_clubs
from matchevents.timeline import Timeline

_LEAGUE_ROUND: Final = re.compile(
    r"\b(group|gruppe|league|matchday|spieltag|round \d+|runde \d+)\b", re.IGNORECASE
)
_MATCHDAY: Final = re.compile(r"\b(?:matchday|round|spieltag|runde)\s+(\d+)\s*$", re.IGNORECASE)
_FIRST_SEASON_WITHOUT_AWAY_GOALS: Final = 2021


def default_tie_rules(season: str) -> TieRules:
    """UEFA's knockout rules in ``season``: away goals counted (also in extra time) until
    2020-21, not from 2021-22; extra time, then penalties, in both.

    >>> default_tie_rules("2018-19").away_goals
    <AwayGoals.INCLUDING_EXTRA_TIME: 'including_extra_time'>
    >>> default_tie_rules("2023-24").away_goals
    <AwayGoals.NOT_APPLIED: 'not_applied'>
    """
    start = re.match(r"\s*(\d{4})", season)
    if start is not None and int(start[1]) < _FIRST_SEASON_WITHOUT_AWAY_GOALS:
        return UEFA_KNOCKOUT_UNTIL_2021
    return UEFA_KNOCKOUT_FROM_2021


def tie_stage(round_name: str | None) -> str | None:
    """The knockout stage a round belongs to, or None for a round of a league or group.

    Legs of one tie are paired within a stage: ``"Playoffs, Matchday 1"`` and ``"Playoffs,
    Matchday 2"`` are both stage ``"Playoffs"``; ``"Group A"``, ``"Matchday 12"``, ``"League,
    Matchday 3"`` and ``"Round 5"`` are league rounds.

    >>> tie_stage("Finals, Quarterfinals"), tie_stage("Group, Matchday 1")
    ('Finals, Quarterfinals', None)
    """
    if round_name is None:
        return None
    parts = [part.strip() for part in round_name.split(",")]
    if _LEAGUE_ROUND.search(parts[0]):
        return None
    if len(parts) > 1 and _MATCHDAY.fullmatch(parts[-1]):
        return ", ".join(parts[:-1])
    return round_name.strip()


def matchday_of(round_name: str | None) -> int | None:
    """The match day number a round name ends with (``"Matchday 12"``, ``"Round 5"``), if any."""
    if round_name is None:
        return None
    found = _MATCHDAY.search(round_name)
    return int(found[1]) if found else None


def slug(text: str) -> str:
    """``text`` as a lower-case ASCII identifier: ``"Atlético Madrid (ESP)"`` is
    ``"atletico-madrid-esp"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def match_id_of(
    competition: str, season: str, record: MatchRecord, teams: ClubRegistry | None = None
) -> str:
    """The id of a record's match: competition, season, date and the two teams (by their
    canonical names in ``teams``, so that the same match from two sources gets the same id; as
    written without it)."""
    home, away = record.home, record.away
    if teams is not None:
        home, away = teams.canonical(home), teams.canonical(away)
    return f"{slug(competition)}:{season}:{record.date.isoformat()}:{slug(home)}-v-{slug(away)}"


def registry_of(teams: ClubRegistry | None, aliases: ClubRegistry | None = None) -> ClubRegistry:
    """The registry an import names teams by: ``teams``, else the deprecated ``aliases``, else
    the bundled one (:func:`~matchevents.teams.bundled_clubs`)."""
    if teams is not None:
        return teams
    if aliases is not None:
        warnings.warn(
            "aliases= is deprecated: pass teams= (a matchevents.teams.ClubRegistry)",
            DeprecationWarning,
            stacklevel=3,
        )
        return aliases
    return bundled_clubs()


def unknown_teams(
    items: Iterable[MatchRecord | ImportProblem], teams: ClubRegistry | None = None
) -> tuple[UnknownTeam, ...]:
    """Each spelling of the records' teams that ``teams`` (by default the bundled registry)
    names no single club by, once a file, at its first record, with how many records name it
    and the closest names or the candidates."""
    registry = bundled_clubs() if teams is None else teams
    found: dict[tuple[str, str], UnknownTeam] = {}
    for record in items:
        if not isinstance(record, MatchRecord):
            continue
        for spelling in (record.home, record.away):
            key = (record.file, spelling)
            seen = found.get(key)
            if seen is not None:
                found[key] = attrs.evolve(seen, records=seen.records + 1)
                continue
            lookup = registry.lookup(spelling)
            if lookup.club is None:
                found[key] = UnknownTeam(
                    file=record.file,
                    spelling=spelling,
                    line=record.line,
                    record=record.record,
                    closest=lookup.closest,
                    candidates=tuple(str(club) for club in lookup.candidates),
                )
    return tuple(found.values())


class _Rejected(Exception):
    def __init__(self, problem: Problem, detail: str, rule: RuleViolation | None = None) -> None:
        self.problem = problem
        self.detail = detail
        self.violation = rule


def assemble(
    items: Iterable[MatchRecord | ImportProblem],
    *,
    competition: str,
    season: str,
    ties: TieRules | None = None,
    teams: ClubRegistry | None = None,
    source_names: bool = False,
    strict_teams: bool = False,
    aliases: ClubRegistry | None = None,
    on_error: OnError = OnError.SKIP,
) -> tuple[list[ImportedMatch], list[ImportProblem]]:
    """Turn records (and the problems a reader already found) into validated matches.

    Teams are named by ``teams`` (by default the bundled registry): their canonical names go
    into the events, unless ``source_names``; a spelling that names no single club is written
    as it is, or its match refused when ``strict_teams``. ``aliases`` is the deprecated name of
    ``teams``.

    Legs of a two-legged tie are paired by stage and teams (the same two teams, home and away
    swapped, in one knockout stage); the earlier is the first leg. A record repeating a match
    already listed (same date and teams) is a duplicate: it is rejected, and plays no part in
    pairing the legs. A knockout match without a
    return match (or meeting the same team more than twice in a stage) is a single match that
    must be won. Their formats come from ``ties`` (by
    default :func:`default_tie_rules`).

    Returns:
        The imported matches and the problems, each in source order.

    Raises:
        BadRecordError: ``on_error`` is :attr:`OnError.STOP` and a record is bad.
    """
    ordered = list(items)
    rules = default_tie_rules(season) if ties is None else ties
    naming = _Naming(registry_of(teams, aliases), source_names, strict_teams)
    builder = _Builder(competition, season, rules, naming, ordered)
    matches: list[ImportedMatch] = []
    problems: list[ImportProblem] = []
    for item in ordered:
        outcome = item if isinstance(item, ImportProblem) else builder.build(item)
        if isinstance(outcome, ImportProblem):
            if on_error is OnError.STOP:
                raise BadRecordError(outcome)
            problems.append(outcome)
        else:
            matches.append(outcome)
    return matches, problems


class _Naming:
    """How an import names teams: each spelling looked up once."""

    def __init__(self, registry: ClubRegistry, source_names: bool, strict: bool) -> None:
        self.registry = registry
        self.source_names = source_names
        self.strict = strict
        self._lookups: dict[str, Lookup] = {}

    def lookup(self, spelling: str) -> Lookup:
        found = self._lookups.get(spelling)
        if found is None:
            found = self._lookups[spelling] = self.registry.lookup(spelling)
        return found

    def written(self, spelling: str) -> str:
        """The name the events carry for ``spelling``."""
        return spelling if self.source_names else self.lookup(spelling).name

    def check(self, record: MatchRecord) -> None:
        """Refuse a record naming a team no single club is spelt as, when strict."""
        if not self.strict:
            return
        for spelling in (record.home, record.away):
            found = self.lookup(spelling)
            if found.club is None:
                problem = Problem.AMBIGUOUS_CLUB if found.candidates else Problem.UNKNOWN_CLUB
                raise _Rejected(problem, str(found.error()))


class _Builder:
    """Builds each record once; a second leg builds its first leg first."""

    def __init__(
        self,
        competition: str,
        season: str,
        ties: TieRules,
        naming: _Naming,
        items: Sequence[MatchRecord | ImportProblem],
    ) -> None:
        self.competition = competition
        self.season = season
        self.ties = ties
        self.naming = naming
        self.done: dict[int, ImportedMatch | ImportProblem] = {}
        self.first_leg_of: dict[int, MatchRecord] = {}
        self.is_first_leg: set[int] = set()
        self.seen_ids: set[str] = set()
        self.copy_of: dict[int, MatchRecord] = {}
        records = [item for item in items if isinstance(item, MatchRecord)]
        self._pair_legs(self._without_copies(records))

    def _without_copies(self, records: list[MatchRecord]) -> list[MatchRecord]:
        """The records but for repeats of a match already listed (same match id: date and
        teams), which :meth:`build` rejects as duplicates; so a repeated line neither counts as
        a third leg nor breaks the pairing of the real two."""
        first: dict[str, MatchRecord] = {}
        kept = []
        for record in records:
            match_id = self._match_id(record)
            original = first.setdefault(match_id, record)
            if original is record:
                kept.append(record)
            else:
                self.copy_of[id(record)] = original
        return kept

    def _pair_legs(self, records: list[MatchRecord]) -> None:
        ties: dict[tuple[str, frozenset[str]], list[MatchRecord]] = {}
        for record in records:
            stage = tie_stage(record.round)
            if stage is not None:
                ties.setdefault((stage, frozenset((record.home, record.away))), []).append(record)
        for legs in ties.values():
            if len(legs) != 2:
                continue
            first, second = sorted(legs, key=lambda leg: leg.date)
            if (first.home, first.away) == (second.away, second.home) and first.date < second.date:
                self.is_first_leg.add(id(first))
                self.first_leg_of[id(second)] = first

    def build(self, record: MatchRecord) -> ImportedMatch | ImportProblem:
        key = id(record)
        done = self.done.get(key)
        if done is None:
            try:
                done = self._build(record)
            except _Rejected as rejected:
                violation = rejected.violation
                done = ImportProblem(
                    file=record.file,
                    line=record.line,
                    record=record.record,
                    date=record.date,
                    home=record.home,
                    away=record.away,
                    round=record.round,
                    problem=rejected.problem,
                    rule=None if violation is None else violation.rule,
                    detail=rejected.detail,
                )
            self.done[key] = done
        return done

    def _match_id(self, record: MatchRecord) -> str:
        # By canonical names, whatever names the events carry.
        return match_id_of(self.competition, self.season, record, self.naming.registry)

    def first_leg_id(self, record: MatchRecord) -> str | None:
        first = self.first_leg_of.get(id(record))
        built = None if first is None else self.done.get(id(first))
        return built.match_id if isinstance(built, ImportedMatch) else None

    def _format(self, record: MatchRecord) -> MatchFormat:
        key = id(record)
        if key in self.is_first_leg:
            return self.ties.first_leg_format()
        first = self.first_leg_of.get(key)
        if first is not None:
            built = self.build(first)
            if isinstance(built, ImportProblem):
                raise _Rejected(
                    Problem.FIRST_LEG_REJECTED,
                    f"the first leg ({built.where}) is a bad record ({built.problem.value})",
                )
            first_leg_score = built.awarded if built.awarded is not None else built.final
            if first_leg_score is None:
                raise _Rejected(
                    Problem.FIRST_LEG_REJECTED,
                    f"the first leg ({built.where}) was abandoned: the tie has no first-leg score",
                )
            return self.ties.second_leg_format(first_leg_score)
        if tie_stage(record.round) is None:
            return LEAGUE
        return self.ties.single_match_format()

    def _build(self, record: MatchRecord) -> ImportedMatch:
        original = self.copy_of.get(id(record))
        if original is not None:
            where = original.line if original.line is not None else original.record
            at = f" (line {where})" if original.line is not None else f" (record {where})"
            match_id = self._match_id(record)
            raise _Rejected(
                Problem.DUPLICATE_MATCH, f"the match {match_id} is already in the source{at}"
            )
        self.naming.check(record)
        if record.abandoned is not None:
            return self._abandoned(record)
        ft = record.ft
        if ft is None:
            if record.awarded is not None:
                return self._not_played_but_awarded(record, record.awarded)
            raise _Rejected(Problem.MISSING_SCORE, "no full-time score")
        pens = record.pens
        if pens is not None and pens.is_level:
            raise _Rejected(Problem.SHOOTOUT_LEVEL, f"the shoot-out is recorded as level ({pens})")
        match_id = self._match_id(record)
        goals = _goals(record, match_id)
        final = record.et if record.et is not None else ft
        if goals is not None:
            _check_goal_lists(record, goals, final)
        fmt = self._format(record)
        events = tuple(self._events(record, match_id, fmt, ft, goals or []))
        if record.awarded is not None:
            # The result from play is overturned: the award follows the final whistle.
            events = (*events, self._award(match_id, record, record.awarded))
        self._validate(match_id, events, fmt)
        self._claim(match_id)
        return _imported(
            record,
            match_id,
            events,
            ft=ft,
            final=final,
            shootout=pens,
            awarded=record.awarded,
            cards=record.cards,
            first_leg=self.first_leg_id(record),
        )

    def _abandoned(self, record: MatchRecord) -> ImportedMatch:
        """A match abandoned during play: scheduled, kicked off, abandoned. The score and minute
        at the abandonment stay in the reason, as the source words them."""
        match_id = self._match_id(record)
        self._claim(match_id)
        schedule = self._schedule(record, match_id, self._format(record))
        events: tuple[Event, ...] = (
            schedule,
            kick_off(match_id),
            MatchAbandoned(match_id=match_id, reason=record.abandoned or ""),
        )
        if record.awarded is not None:
            events = (*events, self._award(match_id, record, record.awarded))
        self._validate(match_id, events, schedule.format)
        return _without_a_result(record, match_id, events, record.awarded)

    def _not_played_but_awarded(self, record: MatchRecord, score: Score) -> ImportedMatch:
        """A match awarded without being played (a walkover): scheduled, then awarded."""
        match_id = self._match_id(record)
        self._claim(match_id)
        schedule = self._schedule(record, match_id, self._format(record))
        events = (schedule, self._award(match_id, record, score))
        self._validate(match_id, events, schedule.format)
        return _without_a_result(record, match_id, events, score)

    @staticmethod
    def _award(match_id: str, record: MatchRecord, score: Score) -> MatchAwarded:
        return MatchAwarded(match_id=match_id, score=score, reason=record.note or "awarded")

    def _claim(self, match_id: str) -> None:
        if match_id in self.seen_ids:
            raise _Rejected(
                Problem.DUPLICATE_MATCH, f"the match {match_id} is already in the source"
            )
        self.seen_ids.add(match_id)

    def _validate(self, match_id: str, events: Sequence[Event], fmt: MatchFormat) -> None:
        timeline = Timeline(match_id)
        for event in events:
            try:
                timeline.append(event)
            except RuleViolation as violation:
                where = _describe(event)
                raise _Rejected(
                    Problem.RULE_BROKEN, f"{where}: {violation.detail}", violation
                ) from None
        if not timeline.is_over:
            raise _Rejected(
                Problem.RESULT_UNDECIDED,
                f"the {fmt.kind.value} match stands {timeline.score} after the "
                f"{_period_name(timeline.period)}, and the record has nothing after it",
            )

    def _schedule(self, record: MatchRecord, match_id: str, fmt: MatchFormat) -> MatchScheduled:
        if record.home == record.away:
            raise _Rejected(Problem.SAME_TEAM, f"{record.home!r} is listed as both teams")
        home, away = self.naming.written(record.home), self.naming.written(record.away)
        if home == away:
            raise _Rejected(
                Problem.SAME_TEAM, f"{record.home!r} and {record.away!r} are both {home!r}"
            )
        # A day without a time stays a day: no kick-off time is invented for it.
        kickoff = None if record.time is None else datetime.combine(record.date, record.time)
        return MatchScheduled(
            match_id=match_id,
            home=home,
            away=away,
            competition=self.competition,
            season=self.season,
            stage=record.round,
            matchday=matchday_of(record.round),
            format=fmt,
            kickoff=kickoff,
            date=record.date if kickoff is None else None,
            venue=record.venue,
        )

    def _events(
        self, record: MatchRecord, match_id: str, fmt: MatchFormat, ft: Score, goals: list[Goal]
    ) -> Iterator[Event]:
        yield self._schedule(record, match_id, fmt)
        by_period: dict[Period, list[Goal]] = {}
        for goal in sorted(goals, key=lambda goal: goal.at):
            by_period.setdefault(goal.at.period, []).append(goal)
        yield kick_off(match_id)
        yield from by_period.pop(Period.FIRST_HALF, [])
        yield half_time(match_id, record.ht)
        yield PeriodStarted(match_id=match_id, period=Period.SECOND_HALF)
        yield from by_period.pop(Period.SECOND_HALF, [])
        yield full_time(match_id, ft)
        if record.et is not None:
            yield PeriodStarted(match_id=match_id, period=Period.EXTRA_TIME_FIRST_HALF)
            yield from by_period.pop(Period.EXTRA_TIME_FIRST_HALF, [])
            yield PeriodEnded(match_id=match_id, period=Period.EXTRA_TIME_FIRST_HALF)
            yield PeriodStarted(match_id=match_id, period=Period.EXTRA_TIME_SECOND_HALF)
            yield from by_period.pop(Period.EXTRA_TIME_SECOND_HALF, [])
            yield end_of_extra_time(match_id, record.et)
        # Goals in periods the record says were not played: the timeline rejects them.
        for rest in by_period.values():
            yield from rest
        pens = record.pens
        if pens is not None:
            if not shootout_can_end_on((pens.home, pens.away)):
                raise _Rejected(
                    Problem.SHOOTOUT_IMPOSSIBLE,
                    f"no legal shoot-out ends {pens}: it is decided before that",
                )
            # Only the score is known: the shoot-out ends with it, and no kick is invented.
            yield PeriodStarted(match_id=match_id, period=Period.PENALTY_SHOOTOUT)
            yield end_of_shootout(match_id, pens)


def _goals(record: MatchRecord, match_id: str) -> list[Goal] | None:
    if record.goals is None:
        return None
    goals: list[Goal] = []
    for number, listed in enumerate(record.goals, start=1):
        try:
            at = MatchClock(listed.minute, listed.offset)
        except InvalidValueError as error:
            raise _Rejected(
                Problem.INVALID_GOAL,
                f"goal {number} ({listed.scorer}, {listed.listed_under.value}): {error}",
            ) from None
        kind = (
            GoalKind.OWN_GOAL
            if listed.own_goal
            else GoalKind.PENALTY
            if listed.penalty
            else GoalKind.OPEN_PLAY
        )
        goals.append(
            Goal(
                match_id=match_id, side=listed.listed_under, scorer=listed.scorer, at=at, kind=kind
            )
        )
    return goals


def _count(goals: Iterable[Goal]) -> Score:
    home = away = 0
    for goal in goals:
        if goal.side is Side.HOME:
            home += 1
        else:
            away += 1
    return Score(home, away)


def _imported(
    record: MatchRecord,
    match_id: str,
    events: tuple[Event, ...],
    *,
    ft: Score | None,
    final: Score | None,
    awarded: Score | None,
    shootout: Score | None = None,
    cards: CardCounts | None = None,
    first_leg: str | None = None,
) -> ImportedMatch:
    """The imported match of ``record``: where it stands in the source (file, line, record,
    date, round as the record gives them; the teams as its events name them, and as the record
    does where that differs), its events and its result."""
    schedule = events[0]
    assert isinstance(schedule, MatchScheduled)
    home, away = schedule.home, schedule.away
    return ImportedMatch(
        match_id=match_id,
        events=events,
        file=record.file,
        line=record.line,
        record=record.record,
        date=record.date,
        home=home,
        away=away,
        source_home=None if home == record.home else record.home,
        source_away=None if away == record.away else record.away,
        round=record.round,
        ft=ft,
        final=final,
        shootout=shootout,
        awarded=awarded,
        cards=cards,
        first_leg=first_leg,
    )


def _without_a_result(
    record: MatchRecord, match_id: str, events: tuple[Event, ...], awarded: Score | None
) -> ImportedMatch:
    """An imported match not played to its end (abandoned, or never played): no full-time or
    final score of play, only an award where there is one."""
    return _imported(record, match_id, events, ft=None, final=None, awarded=awarded)


def _check_goal_lists(record: MatchRecord, goals: list[Goal], final: Score) -> None:
    if record.et is None:
        for goal in goals:
            if goal.at.period.is_extra_time:
                raise _Rejected(
                    Problem.GOALS_CONTRADICT_SCORE,
                    f"a goal at {goal.at} ({goal.scorer}) is in extra time, but the record has "
                    "no score after extra time",
                )
    listed = _count(goals)
    if listed != final:
        if listed.reversed() == final and not final.is_level:
            raise _Rejected(
                Problem.GOALS_UNDER_WRONG_TEAM,
                f"the goal lists give {listed} but the score is {final}: "
                "the goals are listed under the wrong teams",
            )
        raise _Rejected(
            Problem.GOALS_CONTRADICT_SCORE,
            f"the goal lists give {listed} but the final score is {final}",
        )
    if record.ht is not None:
        first_half = _count(goal for goal in goals if goal.at.period is Period.FIRST_HALF)
        if first_half != record.ht:
            raise _Rejected(
                Problem.HALF_TIME_CONTRADICTS_GOALS,
                f"half-time score {record.ht}, but the goals listed before half-time give "
                f"{first_half}",
            )
    if record.ft is not None and record.et is not None:
        in_ninety = _count(goal for goal in goals if not goal.at.period.is_extra_time)
        if in_ninety != record.ft:
            raise _Rejected(
                Problem.GOALS_CONTRADICT_SCORE,
                f"score after 90 minutes {record.ft}, but the goals listed in the first 90 "
                f"minutes give {in_ninety}",
            )


def _describe(event: Event) -> str:
    """Which event a rejection is about, in words: "at full time", "goal at 91'", ..."""
    match event:
        case PeriodEnded(period=Period.FIRST_HALF):
            return "at half-time"
        case PeriodEnded(period=Period.SECOND_HALF):
            return "at full time"
        case PeriodEnded(period=Period.EXTRA_TIME_SECOND_HALF):
            return "at the end of extra time"
        case PeriodEnded() | PeriodStarted():
            return f"{type(event).__name__} {_period_name(event.period)}"
        case Goal():
            return f"goal at {event.at} ({event.side.value})"
        case _:
            return type(event).__name__


def _period_name(period: Period | None) -> str:
    return "kick-off" if period is None else period.name.lower().replace("_", " ")

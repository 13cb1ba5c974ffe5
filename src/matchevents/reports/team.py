"""One club's report, as ``matchevents team LOG NAME`` prints it: its record overall, at home, away
and in each competition, its current and longest streaks with their first and last matches, its
recent form, and its head-to-head against another club.

The log is replayed once (:func:`team_results`), optionally reading its teams through a club
registry (:mod:`matchevents.teams`) so that a log written with the sources' names counts one club
once; :func:`find_team` matches the name asked for to a team of the log (by name, canonical name
or case), or gives the closest names; :func:`team_report` answers from the results. Equivalent to
what the command prints::

    results = team_results("season.jsonl")
    lookup = find_team(results.teams, "Liverpool FC (ENG)")
    report = team_report(results, lookup.team)
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Sequence
from datetime import date
from typing import IO, Any, Final

import attrs

from matchevents.codec import Codec
from matchevents.competitions.head_to_head import head_to_head
from matchevents.competitions.records import Record, RecordBook, Streak, StreakKind, Venue
from matchevents.competitions.results import ResultsProjection, chronological
from matchevents.log import LogProblem, replay
from matchevents.projections import MatchResult
from matchevents.teams import ClubRegistry, bundled_clubs

__all__ = [
    "STREAK_KINDS",
    "HeadToHeadReport",
    "RunReport",
    "StreakReport",
    "TeamLookup",
    "TeamReport",
    "TeamResults",
    "closest_names",
    "find_competition",
    "find_team",
    "match_line",
    "team_report",
    "team_results",
]

STREAK_KINDS: Final = (
    StreakKind.UNBEATEN,
    StreakKind.WINNING,
    StreakKind.LOSING,
    StreakKind.WINLESS,
    StreakKind.SCORING,
    StreakKind.CLEAN_SHEETS,
)
"""The streaks a team report gives, in its order."""


@attrs.frozen(slots=True)
class TeamResults:
    """The results of a log's matches that are over, in the order played, and its bad lines.

    Attributes:
        results: every result, in the order the matches were played.
        problems: the log's bad lines (skipped).
        teams: every team of the results, in order of first appearance.
        competitions: every competition of the results, in order of first appearance.
    """

    results: tuple[MatchResult, ...]
    problems: tuple[LogProblem, ...] = ()

    @property
    def teams(self) -> tuple[str, ...]:
        """Every team of the results, in order of first appearance."""
        return tuple(dict.fromkeys(team for r in self.results for team in (r.home, r.away)))

    @property
    def competitions(self) -> tuple[str, ...]:
        """Every competition of the results, in order of first appearance."""
        return tuple(dict.fromkeys(r.competition for r in self.results))

    def played(self, team: str) -> int:
        """How many matches ``team`` played."""
        return sum(team in (r.home, r.away) for r in self.results)


def team_results(
    source: str | os.PathLike[str] | IO[bytes] | Iterable[Any],
    *,
    teams: ClubRegistry | None = None,
    until: date | None = None,
    codec: Codec | None = None,
) -> TeamResults:
    """Replay a log leniently (bad lines are reported and skipped) into the results of its
    matches that are over.

    Args:
        source: a JSON Lines log (path or binary file), or events.
        teams: a club registry to read the teams by (see :func:`~matchevents.log.replay`).
        until: leave out the matches played after this day (and those of no known day).
        codec: the codec to read the log with.
    """
    replayed = replay(source, [ResultsProjection()], codec=codec, strict=False, teams=teams)
    results = chronological(replayed.states[0].results)
    if until is not None:
        results = tuple(r for r in results if r.day is not None and r.day <= until)
    return TeamResults(results, replayed.problems)


@attrs.frozen(slots=True)
class TeamLookup:
    """Which team of a log a name asked for is.

    Attributes:
        wanted: the name asked for.
        team: the team of the log it names, or None.
        closest: when it names none, the log's closest team names.
        also_named: other names of the log that the registry gives the same club (a log
            written with the sources' names): read it with the registry to count them as one.
    """

    wanted: str
    team: str | None
    closest: tuple[str, ...] = ()
    also_named: tuple[str, ...] = ()


def find_team(names: Sequence[str], wanted: str, teams: ClubRegistry | None = None) -> TeamLookup:
    """The team of ``names`` that ``wanted`` names: itself; else the team the registry ``teams``
    (by default the bundled one) names the same club (``"Liverpool FC (ENG)"`` finds
    ``"Liverpool"``, and ``"Arsenal"`` finds ``"Arsenal FC"`` in a log written with the sources'
    names); else the one name equal to it but for case. None otherwise, with the closest names.

    >>> find_team(["Liverpool", "Atalanta"], "Liverpool FC (ENG)").team
    'Liverpool'
    >>> find_team(["Liverpool", "Atalanta"], "Livrepool").closest
    ('Liverpool',)
    """
    registry = bundled_clubs() if teams is None else teams
    club = registry.lookup(wanted).club
    same = [] if club is None else [n for n in names if registry.lookup(n).club == club]
    if wanted in names:
        found: str | None = wanted
    elif same:
        found = club.name if club is not None and club.name in same else same[0]
    else:
        folded = [n for n in names if n.casefold() == wanted.casefold()]
        found = folded[0] if len(folded) == 1 else None
    if found is None:
        return TeamLookup(wanted, None, closest_names(names, wanted))
    return TeamLookup(wanted, found, also_named=tuple(n for n in same if n != found))


def closest_names(names: Sequence[str], wanted: str) -> tuple[str, ...]:
    """Up to five of ``names`` spelt most like ``wanted`` (best first), then those containing it
    (ignoring case): what :func:`find_team` and ``team --competition`` suggest for a name that
    names none of them.

    >>> closest_names(["UEFA Europa League", "Premier League"], "Europa League")
    ('UEFA Europa League',)
    """
    close = difflib.get_close_matches(wanted, list(names), n=5, cutoff=0.6)
    lowered = wanted.casefold()
    close += [n for n in names if lowered in n.casefold() and n not in close]
    return tuple(close[:5])


def find_competition(names: Sequence[str], wanted: str) -> str | None:
    """The competition of ``names`` (e.g. :attr:`TeamResults.competitions`) that ``wanted``
    names: itself, else the one name equal to it but for case; None otherwise (then
    :func:`closest_names` gives the names to suggest).

    >>> find_competition(["UEFA Europa League"], "uefa europa league")
    'UEFA Europa League'
    """
    if wanted in names:
        return wanted
    folded = [n for n in names if n.casefold() == wanted.casefold()]
    return folded[0] if len(folded) == 1 else None


@attrs.frozen(slots=True)
class RunReport:
    """One run of a streak, with the matches around it.

    Attributes:
        kind: what the matches share.
        length: how many matches.
        first: the first match of the run.
        last: the last match of the run.
        after: the match just before the run (the one that ended the run before it, e.g. the
            defeat before an unbeaten run), where there is one.
        ended_by: the match that ended the run; None while it goes on.
    """

    kind: StreakKind
    length: int
    first: MatchResult
    last: MatchResult
    after: MatchResult | None = None
    ended_by: MatchResult | None = None


@attrs.frozen(slots=True)
class StreakReport:
    """A team's current and longest run of one kind (None where it has none)."""

    kind: StreakKind
    current: RunReport | None
    longest: RunReport | None


@attrs.frozen(slots=True)
class HeadToHeadReport:
    """A team's record against one opponent.

    Attributes:
        opponent: the other team.
        overall: every meeting.
        home: the meetings at the team's home.
        away: the meetings away.
        by_competition: the record in each competition they met in, in order first met.
        matches: the meetings, in the order played.
    """

    opponent: str
    overall: Record
    home: Record
    away: Record
    by_competition: tuple[tuple[str, Record], ...]
    matches: tuple[MatchResult, ...]


@attrs.frozen(slots=True)
class TeamReport:
    """What ``matchevents team`` prints about one team.

    Attributes:
        team: the team.
        overall: its record in every match counted.
        home: at home.
        away: away.
        by_competition: in each competition, in the order first played.
        venue: the matches the streaks and the form count (any, home or away).
        competition: the one competition counted, or None for all.
        streaks: its current and longest runs of each of :data:`STREAK_KINDS`.
        form: the outcomes of its last matches (at ``venue``), oldest first, e.g. ``"WWDLW"``.
        recent: those matches.
        against: its head-to-head against another team, where asked for.
        problems: the log's bad lines (skipped).
    """

    team: str
    overall: Record
    home: Record
    away: Record
    by_competition: tuple[tuple[str, Record], ...]
    venue: Venue
    competition: str | None
    streaks: tuple[StreakReport, ...]
    form: str
    recent: tuple[MatchResult, ...]
    against: HeadToHeadReport | None = None
    problems: tuple[LogProblem, ...] = ()


def team_report(
    results: TeamResults,
    team: str,
    *,
    against: str | None = None,
    venue: Venue = Venue.ANY,
    competition: str | None = None,
    last: int = 5,
) -> TeamReport:
    """``team``'s report over ``results``: records, streaks and form (of its matches at
    ``venue`` in ``competition``, None for all), and its head-to-head against ``against``.

    Raises:
        InvalidValueError: ``last`` is negative.
    """
    kept = tuple(r for r in results.results if competition is None or r.competition == competition)
    book = RecordBook(kept)
    by_competition: dict[str, Record] = {}
    for result in book.matches(team):
        by_competition[result.competition] = by_competition.get(
            result.competition, Record()
        ) + Record.of(result, team)
    counted = book.matches(team, venue=venue)
    streaks = tuple(_streaks(book, team, kind, venue, counted) for kind in STREAK_KINDS)
    form = book.form(team, last, venue=venue)
    return TeamReport(
        team=team,
        overall=book.record(team),
        home=book.record(team, venue=Venue.HOME),
        away=book.record(team, venue=Venue.AWAY),
        by_competition=tuple(by_competition.items()),
        venue=venue,
        competition=competition,
        streaks=streaks,
        form=form,
        recent=tuple(counted[-len(form) :]) if form else (),
        against=None if against is None else _head_to_head(book, team, against),
        problems=results.problems,
    )


def _streaks(
    book: RecordBook, team: str, kind: StreakKind, venue: Venue, counted: list[MatchResult]
) -> StreakReport:
    runs = book.streaks(team, kind, venue=venue)
    place = {id(result): index for index, result in enumerate(counted)}

    def report(run: Streak | None) -> RunReport | None:
        if run is None:
            return None
        before = place[id(run.first)] - 1
        return RunReport(
            kind,
            run.length,
            run.first,
            run.last,
            after=counted[before] if before >= 0 else None,
            ended_by=run.ended_by,
        )

    current = runs[-1] if runs and runs[-1].is_current else None
    longest = max(runs, key=lambda run: run.length, default=None)
    return StreakReport(kind, report(current), report(longest))


def match_line(result: MatchResult) -> str:
    """A match in a line of a team's report: ``2024-04-11 Liverpool 0-3 Atalanta`` (the day where
    known, and the score that counts)."""
    day = "" if result.day is None else f"{result.day.isoformat()} "
    return f"{day}{result.home} {result.score.final} {result.away}"


def _head_to_head(book: RecordBook, team: str, opponent: str) -> HeadToHeadReport:
    meetings = head_to_head(book.results, team, opponent)
    return HeadToHeadReport(
        opponent=opponent,
        overall=meetings.overall,
        home=meetings.at_home,
        away=meetings.away,
        by_competition=tuple(meetings.by_competition.items()),
        matches=meetings.matches,
    )

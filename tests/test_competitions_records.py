"""Team records, home and away splits, form, streaks with their first and last match, and
head-to-head, across competitions or in one."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from matches import anfield_first_leg, bergamo_second_leg, istanbul_final
from matchevents import Event, Score
from matchevents.competitions import (
    RESULTS,
    Record,
    RecordBook,
    StreakKind,
    Venue,
    head_to_head,
    played_match,
)
from matchevents.errors import CompetitionDataError, InvalidValueError
from matchevents.projections import fold

_START = datetime(2023, 1, 7, 15, 0, tzinfo=UTC)


def liverpool_season(
    *scores: tuple[str, int, int, str], competition: str = "League"
) -> list[Event]:
    """Matches a fortnight apart, ``(home, home goals, away goals, away)``."""
    events: list[Event] = []
    for number, (home, home_goals, away_goals, away) in enumerate(scores):
        events += played_match(
            f"{competition}-{number}",
            home,
            away,
            Score(home_goals, away_goals),
            competition=competition,
            season="x",
            kickoff=_START + timedelta(weeks=2 * number),
        )
    return events


SEASON = liverpool_season(
    ("Liverpool", 2, 0, "Wolves"),
    ("Chelsea", 1, 1, "Liverpool"),
    ("Liverpool", 3, 0, "Everton"),
    ("Liverpool", 1, 1, "Arsenal"),
    ("Fulham", 2, 0, "Liverpool"),
    ("Liverpool", 4, 2, "Spurs"),
    ("Liverpool", 0, 1, "Palace"),  # the first home defeat
    ("Brighton", 0, 3, "Liverpool"),
)


def test_a_record_counts_played_won_drawn_lost_goals_and_points() -> None:
    book = RecordBook.of(fold(RESULTS, SEASON))

    record = book.record("Liverpool")
    assert record == Record(played=8, won=4, drawn=2, lost=2, goals_for=14, goals_against=7)
    assert record.points() == 14
    assert record.goal_difference == 7
    assert str(record) == "P8 W4 D2 L2 GF14 GA7"


def test_home_and_away_records_add_up_to_the_whole() -> None:
    book = RecordBook.of(fold(RESULTS, SEASON))

    home = book.record("Liverpool", venue=Venue.HOME)
    away = book.record("Liverpool", venue=Venue.AWAY)
    assert (home.won, home.drawn, home.lost) == (3, 1, 1)
    assert (away.won, away.drawn, away.lost) == (1, 1, 1)
    assert home + away == book.record("Liverpool")


def test_form_lists_the_last_matches_oldest_first() -> None:
    book = RecordBook.of(fold(RESULTS, SEASON))

    assert book.form("Liverpool") == "DLWLW"
    assert book.form("Liverpool", 3) == "WLW"
    assert book.form("Liverpool", 3, venue=Venue.HOME) == "DWL"
    assert book.form("Nobody") == ""
    with pytest.raises(InvalidValueError, match="last=-1"):
        book.form("Liverpool", -1)


def test_a_home_unbeaten_run_ends_with_the_first_home_defeat() -> None:
    book = RecordBook.of(fold(RESULTS, SEASON))

    runs = book.streaks("Liverpool", StreakKind.UNBEATEN, venue=Venue.HOME)
    assert len(runs) == 1
    run = runs[0]
    assert run.length == 4
    assert (run.first.away, run.last.away) == ("Wolves", "Spurs")
    assert (run.since, run.until) == (date(2023, 1, 7), date(2023, 3, 18))
    assert run.ended_by is not None
    assert run.ended_by.away == "Palace"
    assert not run.is_current
    assert book.current_streak("Liverpool", StreakKind.UNBEATEN, venue=Venue.HOME) is None


def test_streaks_of_every_kind() -> None:
    book = RecordBook.of(fold(RESULTS, SEASON))

    def longest(kind: StreakKind, venue: Venue = Venue.ANY) -> int:
        streak = book.longest_streak("Liverpool", kind, venue=venue)
        return 0 if streak is None else streak.length

    assert longest(StreakKind.UNBEATEN) == 4
    assert longest(StreakKind.WINNING) == 1
    assert longest(StreakKind.WINLESS) == 2  # 1-1 with Arsenal, then the defeat at Fulham
    assert longest(StreakKind.LOSING) == 1
    assert longest(StreakKind.DRAWING) == 1
    assert longest(StreakKind.SCORING) == 4
    assert longest(StreakKind.SCORELESS) == 1
    assert longest(StreakKind.CLEAN_SHEETS) == 1
    assert longest(StreakKind.CLEAN_SHEETS, Venue.AWAY) == 1
    current = book.current_streak("Liverpool", StreakKind.WINNING)
    assert current is not None
    assert current.is_current
    assert str(current) == "Liverpool: 1 winning (2023-04-15 to 2023-04-15)"


def test_a_streak_of_matches_known_by_their_day_only_has_its_dates() -> None:
    """A results source with dates but no kick-off times (football-data.co.uk, RSSSF): the
    streak still knows when it began and ended, and the matches are in the order played even
    when the source lists them out of order."""
    played = [
        ("d", "Liverpool", 1, 0, "Fulham", date(2023, 12, 3)),
        ("a", "Liverpool", 2, 0, "Wolves", date(2023, 11, 12)),
        ("c", "Palace", 0, 1, "Liverpool", date(2023, 11, 26)),
        ("b", "Chelsea", 0, 0, "Liverpool", date(2023, 11, 19)),
    ]
    events = [
        event
        for match_id, home, home_goals, away_goals, away, day in played
        for event in played_match(
            match_id,
            home,
            away,
            Score(home_goals, away_goals),
            competition="L",
            season="x",
            date=day,
        )
    ]
    book = RecordBook.of(fold(RESULTS, events))
    assert [r.match_id for r in book.results] == ["a", "b", "c", "d"]
    assert book.form("Liverpool") == "WDWW"
    winning = book.current_streak("Liverpool", StreakKind.WINNING)
    assert winning is not None
    assert (winning.since, winning.until) == (date(2023, 11, 26), date(2023, 12, 3))
    assert str(winning) == "Liverpool: 2 winning (2023-11-26 to 2023-12-03)"


def test_records_across_competitions_or_in_one() -> None:
    events = [*SEASON, *anfield_first_leg(), *bergamo_second_leg(), *istanbul_final()]
    book = RecordBook.of(fold(RESULTS, events))

    europa = book.record("Liverpool", competition="UEFA Europa League")
    assert (europa.won, europa.lost, europa.goals_for, europa.goals_against) == (1, 1, 1, 3)
    assert book.record("Liverpool").played == 11
    # The 2005 final was won on penalties: a draw in the record, 3-3.
    final = book.record("Liverpool", competition="UEFA Champions League")
    assert (final.drawn, final.goals_for, final.goals_against) == (1, 3, 3)
    # Played in 2005, it comes first in the order played.
    assert book.results[0].competition == "UEFA Champions League"


def test_head_to_head_overall_per_competition_and_per_venue() -> None:
    events = [
        *anfield_first_leg(),
        *bergamo_second_leg(),
        *liverpool_season(("Liverpool", 0, 2, "Atalanta"), competition="UEFA Champions League"),
    ]
    results = fold(RESULTS, events).results

    atalanta = head_to_head(results, "Atalanta", "Liverpool")
    assert atalanta.overall == Record(3, 2, 0, 1, 5, 1)
    assert atalanta.away == Record(2, 2, 0, 0, 5, 0)  # unbeaten in two visits to Anfield
    assert atalanta.at_home == Record(1, 0, 0, 1, 0, 1)
    assert atalanta.by_competition == {
        "UEFA Europa League": Record(2, 1, 0, 1, 3, 1),
        "UEFA Champions League": Record(1, 1, 0, 0, 2, 0),
    }
    assert atalanta.reversed().overall == Record(3, 1, 0, 2, 1, 5)
    assert head_to_head(results, "Atalanta", "Everton").overall.played == 0


def test_a_record_of_a_match_a_team_did_not_play_is_an_error() -> None:
    result = fold(RESULTS, SEASON).results[0]
    with pytest.raises(CompetitionDataError, match="Everton"):
        Record.of(result, "Everton")


def test_sources_with_and_without_time_zones_can_be_mixed() -> None:
    naive = played_match(
        "naive",
        "Liverpool",
        "Everton",
        Score(2, 0),
        competition="League",
        season="x",
        kickoff=datetime(2024, 4, 11, 21, 0),  # local time, as a results file gives it
    )
    events = [*anfield_first_leg(), *naive]  # Anfield: 11 April 2024, 20:00 London (aware)

    book = RecordBook.of(fold(RESULTS, events))

    assert [r.match_id for r in book.results] == [events[0].match_id, "naive"]
    assert book.form("Liverpool") == "LW"

"""Real UEFA competitions from the shared data: the 2018-19 Champions League (openfootball, CC0),
imported with the library's importer, under the rules of that season and of today.

- Group B: Tottenham and Inter finished level on 8 points and on everything between them except
  away goals (Inter 2-1 Tottenham, Tottenham 1-0 Inter): Tottenham went through on the
  head-to-head away goal. Under the rules from 2021-22 (no head-to-head away goals) they would
  still have gone through, on goals scored (9 to 6, goal difference being level).
- The semi-final: Tottenham 0-1 Ajax, Ajax 2-3 Tottenham: 3-3, Tottenham through on away goals.
  Under today's rules the same scores send the second leg to extra time.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from matchevents import Event, MatchScheduled, Score, Timeline
from matchevents.competitions import (
    UEFA_GROUP_STAGE,
    UEFA_GROUP_STAGE_UNTIL_2021,
    UEFA_KNOCKOUT_FROM_2021,
    UEFA_KNOCKOUT_UNTIL_2021,
    UEFA_LEAGUE_PHASE,
    LeagueTable,
    RecordBook,
    Tie,
    TieDecision,
    Venue,
    played_match,
)
from matchevents.importers import ImportedMatch, import_openfootball_json
from matchevents.projections import fold

COMPETITION = "UEFA Champions League"
SEASON = "2018-19"
SPURS = "Tottenham Hotspur"
INTER = "Inter"
AJAX = "AFC Ajax"


@pytest.fixture(scope="module")
def champions_league(shared_data: Path) -> list[ImportedMatch]:
    imported = import_openfootball_json(
        shared_data / "openfootball" / "uefa.cl.2018-19.json",
        competition=COMPETITION,
        season=SEASON,
    )
    assert imported.problems == ()
    return list(imported.matches)


def _events(matches: list[ImportedMatch]) -> list[Event]:
    return [event for match in matches for event in match.events]


def _schedule(match: ImportedMatch) -> MatchScheduled:
    first = match.events[0]
    assert isinstance(first, MatchScheduled)
    return first


def test_tottenham_through_group_b_on_the_head_to_head_away_goal(
    champions_league: list[ImportedMatch],
) -> None:
    table = LeagueTable(UEFA_GROUP_STAGE_UNTIL_2021, COMPETITION, SEASON, stage="Group B")
    standings = table.standings(fold(table, _events(champions_league)))

    assert [(s.team, s.points) for s in standings] == [
        ("FC Barcelona", 14),
        (SPURS, 8),
        (INTER, 8),
        ("PSV Eindhoven", 2),
    ]
    assert (standings[SPURS].goal_difference, standings[INTER].goal_difference) == (-1, -1)


def test_under_todays_group_rules_tottenham_go_through_on_goals_scored(
    champions_league: list[ImportedMatch],
) -> None:
    table = LeagueTable(UEFA_GROUP_STAGE, COMPETITION, SEASON, stage="Group B")
    standings = table.standings(fold(table, _events(champions_league)))

    assert standings.teams[1:3] == (SPURS, INTER)
    spurs, inter = standings[SPURS], standings[INTER]
    assert spurs.goal_difference == inter.goal_difference
    assert (spurs.goals_for, inter.goals_for) == (9, 6)


def _semi_final(matches: list[ImportedMatch]) -> list[ImportedMatch]:
    legs = [
        m
        for m in matches
        if _schedule(m).stage == "Semifinals"
        and {_schedule(m).home, _schedule(m).away}
        == {
            SPURS,
            AJAX,
        }
    ]
    assert len(legs) == 2
    return legs


def test_tottenham_beat_ajax_on_away_goals(champions_league: list[ImportedMatch]) -> None:
    legs = _semi_final(champions_league)
    tie = Tie(UEFA_KNOCKOUT_UNTIL_2021, [_schedule(leg).match_id for leg in legs])

    outcome = fold(tie, _events(legs)).outcome

    assert outcome is not None
    assert (outcome.winner, outcome.loser) == (SPURS, AJAX)
    assert outcome.decided_by is TieDecision.AWAY_GOALS
    assert str(outcome.aggregate) == "3-3"


def test_the_same_scores_under_todays_rules_go_to_extra_time(
    champions_league: list[ImportedMatch],
) -> None:
    first, second = (_schedule(leg) for leg in _semi_final(champions_league))
    rules = UEFA_KNOCKOUT_FROM_2021
    replayed = []
    for schedule, leg_format, score in (
        (first, rules.first_leg_format(), "0-1"),
        (second, rules.second_leg_format(Score.parse("0-1")), "2-3"),
    ):
        replayed += played_match(
            schedule.match_id,
            schedule.home,
            schedule.away,
            Score.parse(score),
            competition=COMPETITION,
            season=SEASON,
            stage=schedule.stage,
            kickoff=schedule.kickoff,
            format=leg_format,
        )

    second_leg = Timeline.from_events(replayed[5:])
    state = fold(Tie(rules, [first.match_id, second.match_id]), replayed)

    assert not second_leg.is_over  # level on aggregate at full time: extra time next
    assert state.outcome is None
    assert state.aggregate(SPURS) == (0, 1)  # only the first leg is over


# The official 2024-25 league phase standings (UEFA, 29 January 2025), as the source names the
# clubs. Real Madrid and Bayern finished level on points, goal difference, goals, away goals and
# wins: Real Madrid were 11th on away wins. The knock-out play-off pairings (9th v 24th ... 16th v
# 17th) followed from this order.
LEAGUE_PHASE_2024_25 = [
    ("Liverpool", 21),
    ("FC Barcelona", 19),
    ("Arsenal", 19),
    ("Inter", 19),
    ("Atlético Madrid", 18),
    ("Bayer Leverkusen", 16),
    ("Lille OSC", 16),
    ("Aston Villa", 16),
    ("Atalanta", 15),
    ("Borussia Dortmund", 15),
    ("Real Madrid", 15),
    ("Bayern München", 15),
    ("AC Milan", 15),
    ("PSV Eindhoven", 14),
    ("Paris Saint-Germain", 13),
    ("SL Benfica", 13),
    ("AS Monaco", 13),
    ("Stade Brestois 29", 13),
    ("Feyenoord", 13),
    ("Juventus", 12),
    ("Celtic FC", 12),
    ("Manchester City", 11),
    ("Sporting CP", 11),
    ("Club Brugge KV", 11),
    ("Dinamo Zagreb", 11),
    ("VfB Stuttgart", 10),
    ("Shakhtar Donetsk", 7),
    ("Bologna FC 1909", 6),
    ("Crvena Zvezda", 6),
    ("Sturm Graz", 6),
    ("AC Sparta Praha", 4),
    ("RB Leipzig", 3),
    ("Girona FC", 3),
    ("RB Salzburg", 3),
    ("Slovan Bratislava", 0),
    ("BSC Young Boys", 0),
]


def test_the_2024_25_league_phase_table_equals_the_official_one(shared_data: Path) -> None:
    imported = import_openfootball_json(shared_data / "openfootball" / "uefa.cl.2024-25.json")
    # The league phase imports cleanly (the file's errors are in the knock-out rounds).
    league_phase = [m for m in imported.matches if (_schedule(m).stage or "").startswith("League")]
    assert len(league_phase) == 144
    table = LeagueTable(UEFA_LEAGUE_PHASE, imported.competition, imported.season)

    state = fold(table, _events(league_phase))
    standings = table.standings(state)

    assert [(s.team, s.points) for s in standings] == LEAGUE_PHASE_2024_25
    assert [s.position for s in standings] == list(range(1, 37))
    real, bayern = standings["Real Madrid"], standings["Bayern München"]
    assert (real.goal_difference, real.goals_for) == (bayern.goal_difference, bayern.goals_for)
    book = RecordBook.of(state)
    real_away = book.record(real.team, venue=Venue.AWAY)
    bayern_away = book.record(bayern.team, venue=Venue.AWAY)
    assert real_away.goals_for == bayern_away.goals_for == 6
    assert real.won == bayern.won == 5
    assert (real_away.won, bayern_away.won) == (2, 1)  # the criterion that separates them

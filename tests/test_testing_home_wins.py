"""matchevents.testing: the seasons it draws now and then have every home side win, so that every
team ends level on points and property tests of league tables meet their tie-breakers."""

from __future__ import annotations

from hypothesis import Phase, find, settings

from matchevents.competitions import PREMIER_LEAGUE, LeagueTable
from matchevents.projections import fold, match_result
from matchevents.testing import Ending, GeneratedCompetition, round_robin_seasons


def home_wins_and_points(season: GeneratedCompetition) -> tuple[list[bool], set[int]]:
    """Whether each match was won by its home side, and the points the table gives."""
    results = [match_result(match) for match in season.matches]
    table = LeagueTable(PREMIER_LEAGUE, season.competition, season.season)
    standings = table.standings(fold(table, season.events))
    return [r.winner_team == r.home for r in results], {s.points for s in standings}


def test_round_robin_seasons_now_and_then_have_every_home_side_win_and_every_team_level() -> None:
    seasons = round_robin_seasons(
        min_teams=3, max_teams=3, endings=[Ending.PLAYED], sanctions=False
    )
    home_wins, points = find(
        seasons.map(home_wins_and_points),
        lambda drawn: all(drawn[0]),
        # The first one found will do: shrinking whole seasons takes long.
        settings=settings(max_examples=200, database=None, phases=[Phase.generate]),
    )
    assert len(home_wins) == 6
    assert points == {6}

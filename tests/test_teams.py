"""The club registry (issue 17): what a spelling maps to, UEFA's country codes, ambiguous
spellings never resolved by chance, user files that extend or override the bundled one, events
read under canonical names, and the deprecated names of the alias maps it replaces."""

from __future__ import annotations

import json
import warnings
from datetime import date
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from matchevents import Score
from matchevents.competitions import (
    RESULTS,
    LeagueTable,
    PointsDeduction,
    RecordBook,
    rank,
)
from matchevents.competitions.rulesets import PREMIER_LEAGUE
from matchevents.errors import InvalidValueError, TeamNameError
from matchevents.events import MatchScheduled
from matchevents.importers import MatchRecord, Problem, assemble, unknown_teams
from matchevents.importers.command import main as import_main
from matchevents.log import read_log, replay
from matchevents.projections import fold
from matchevents.teams import (
    Club,
    ClubRegistry,
    Resolution,
    bundled_clubs,
    load_clubs,
    split_country,
)
from matchevents.testing import GeneratedCompetition, round_robin_seasons

CLUBS = bundled_clubs()


# -- what a spelling maps to --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("spelling", "name"),
    [
        ("Liverpool FC (ENG)", "Liverpool"),
        ("Liverpool FC", "Liverpool"),
        ("Liverpool", "Liverpool"),
        ("liverpool  fc", "Liverpool"),
        ("Man United", "Manchester United"),
        ("Manchester U", "Manchester United"),
        ("Nott'm Forest", "Nottingham Forest"),
        ("FC Internazionale Milano (ITA)", "Inter"),
        ("Atalanta BC (ITA)", "Atalanta"),
        ("England", "England"),
    ],
)
def test_every_spelling_of_a_club_maps_to_its_canonical_name(spelling: str, name: str) -> None:
    assert CLUBS.canonical(spelling) == name
    assert CLUBS.resolve(spelling).name == name


def test_a_country_code_is_the_clubs_country_not_part_of_its_name() -> None:
    assert split_country("Liverpool FC (ENG)") == ("Liverpool FC", "ENG")
    liverpool = CLUBS.resolve("Liverpool FC (ENG)")
    assert (liverpool.name, liverpool.country, str(liverpool)) == (
        "Liverpool",
        "ENG",
        "Liverpool (ENG)",
    )


def test_a_spelling_with_the_wrong_country_names_no_club() -> None:
    found = CLUBS.lookup("Liverpool FC (ITA)")
    assert found.resolution is Resolution.UNKNOWN
    assert found.closest[0] == "Liverpool"


def test_a_spelling_written_with_another_countrys_code_is_listed_whole() -> None:
    """uefa.cl.2024-25.json writes Monaco under MCO; UEFA enters the club under FRA."""
    assert CLUBS.resolve("AS Monaco FC (MCO)") == CLUBS.resolve("AS Monaco (FRA)")


def test_an_unknown_spelling_is_its_own_name_with_the_closest_names() -> None:
    found = CLUBS.lookup("Liverpol")
    assert (found.resolution, found.name, found.closest) == (
        Resolution.UNKNOWN,
        "Liverpol",
        ("Liverpool",),
    )
    assert str(found) == "'Liverpol' is no known club; closest: Liverpool"
    with pytest.raises(TeamNameError, match="closest: Liverpool") as raised:
        CLUBS.resolve("Liverpol")
    assert not raised.value.ambiguous
    assert "Liverpol" not in CLUBS


def test_a_clubs_other_spellings_are_all_but_its_canonical_name_in_alphabetical_order() -> None:
    assert CLUBS.resolve("Man United").other_spellings == (
        "Man U",
        "Man United",
        "Man Utd",
        "Manchester U",
        "Manchester United FC",
        "Manchester Utd",
    )
    assert Club(
        "Wrexham", "WAL", ["wrexham AFC", "Wrexham", "The Red Dragons"]
    ).other_spellings == (
        "The Red Dragons",
        "wrexham AFC",
    )
    assert CLUBS.resolve("Spain").other_spellings == ()


def test_the_bundled_registry_names_every_club_once() -> None:
    names = [club.name for club in CLUBS]
    assert len(names) == len(set(names)) == len(CLUBS) >= 180
    assert all(club.country is not None for club in CLUBS)


def test_names_maps_each_unambiguous_spelling_as_the_old_alias_maps_did() -> None:
    assert CLUBS.names["Man City"] == "Manchester City"
    assert CLUBS.names["Manchester City"] == "Manchester City"


# -- files --------------------------------------------------------------------------------------
def test_a_registry_file_has_comments_blank_cells_and_rows_of_one_club_that_add_up(
    tmp_path: Path,
) -> None:
    path = tmp_path / "clubs.csv"
    path.write_text(
        "# name (COUNTRY),spelling,...\n\nAlpha FC (ENG),Alpha,,\nAlpha FC,The Alphas\n",
        encoding="utf-8",
    )
    clubs = ClubRegistry.from_csv(path)
    assert clubs.clubs == (Club("Alpha FC", "ENG", ["Alpha", "The Alphas"]),)


def test_a_bad_row_is_named_with_its_file_and_row(tmp_path: Path) -> None:
    path = tmp_path / "clubs.csv"
    path.write_text("Alpha (ENG),A\nBeta (ENG),A\n", encoding="utf-8")
    with pytest.raises(InvalidValueError, match=r"clubs\.csv: the spelling 'A' is given for both"):
        ClubRegistry.from_csv(path)


def test_two_clubs_cannot_share_a_canonical_name() -> None:
    with pytest.raises(InvalidValueError, match="canonical names must differ"):
        ClubRegistry([Club("Liverpool", "ENG"), Club("Liverpool", "URU")])


def test_a_users_file_extends_the_bundled_registry(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("Real Betis (ESP),Real Betis Balompié\nWrexham (WAL),Wrexham AFC\n", "utf-8")
    mine = load_clubs(path)
    assert mine.canonical("Real Betis Balompié (ESP)") == "Real Betis"
    assert mine.canonical("Wrexham AFC") == "Wrexham"
    assert mine.canonical("Man United") == "Manchester United"
    assert len(mine) == len(CLUBS) + 1


def test_a_users_spelling_overrides_the_bundled_one_in_its_country() -> None:
    mine = CLUBS.extended(ClubRegistry.from_groups({"Man Utd (ENG)": ["Man United"]}))
    assert mine.canonical("Man United") == "Man Utd"
    assert mine.canonical("Manchester United FC") == "Manchester United"


def test_a_users_club_of_another_country_makes_a_shared_spelling_ambiguous() -> None:
    mine = CLUBS.extended(
        ClubRegistry.from_groups({"Liverpool Montevideo (URU)": ["Liverpool FC"]})
    )
    found = mine.lookup("Liverpool FC")
    assert found.resolution is Resolution.AMBIGUOUS
    assert {str(club) for club in found.candidates} == {
        "Liverpool (ENG)",
        "Liverpool Montevideo (URU)",
    }
    assert mine.canonical("Liverpool FC") == "Liverpool FC"
    assert mine.canonical("Liverpool FC (ENG)") == "Liverpool"
    assert mine.canonical("Liverpool FC (URU)") == "Liverpool Montevideo"


# -- events -------------------------------------------------------------------------------------
def test_renamed_gives_a_schedule_and_a_deduction_their_canonical_names() -> None:
    schedule = MatchScheduled(
        match_id="m", home="Liverpool FC (ENG)", away="Atalanta (ITA)", competition="C", season="S"
    )
    deduction = PointsDeduction(competition="C", season="S", team="Everton FC", points=10)
    assert (CLUBS.renamed(schedule).home, CLUBS.renamed(schedule).away) == ("Liverpool", "Atalanta")
    assert CLUBS.renamed(deduction).team == "Everton"
    assert CLUBS.renamed(CLUBS.renamed(schedule)) == CLUBS.renamed(schedule)


def test_a_replay_without_a_registry_reads_the_names_as_written() -> None:
    schedule = MatchScheduled(
        match_id="m", home="Liverpool FC", away="Atalanta", competition="C", season="S"
    )
    assert replay([schedule], [RESULTS]).states[0].scheduled[0].home == "Liverpool FC"
    assert replay([schedule], [RESULTS], teams=CLUBS).states[0].scheduled[0].home == "Liverpool"


# -- the names it replaces ----------------------------------------------------------------------
def test_the_old_alias_names_still_work_and_warn() -> None:
    with pytest.warns(DeprecationWarning, match="TeamAliases"):
        from matchevents.importers import TeamAliases
    with pytest.warns(DeprecationWarning, match="PREMIER_LEAGUE_ALIASES"):
        from matchevents.importers.aliases import PREMIER_LEAGUE_ALIASES
    aliases = TeamAliases.from_groups({"Manchester United": ["Man United"]})
    assert aliases.canonical("Man United") == "Manchester United"
    assert aliases.canonical("Arsenal FC") == "Arsenal FC"
    assert PREMIER_LEAGUE_ALIASES.canonical("Nott'm Forest") == "Nottingham Forest"
    assert "Wolves" in PREMIER_LEAGUE_ALIASES


def test_the_aliases_keyword_is_the_teams_keyword_and_warns() -> None:
    mine = ClubRegistry.from_groups({"Alpha": ["Alpha FC"]})
    with pytest.warns(DeprecationWarning, match="aliases="):
        matches, _ = assemble(
            [record("Alpha FC", "Beta")], competition="C", season="S", aliases=mine
        )
    assert matches[0].home == "Alpha"


# -- imports ------------------------------------------------------------------------------------
def record(home: str, away: str, day: int = 1, line: int = 1) -> MatchRecord:
    return MatchRecord(
        file="cup.txt",
        line=line,
        date=date(2024, 3, day),
        round="Matchday 1",
        home=home,
        away=away,
        ft=Score(1, 0),
    )


def test_an_import_names_clubs_canonically_and_keeps_the_source_spelling() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        [match], [] = assemble(
            [record("Liverpool FC (ENG)", "Atalanta (ITA)")], competition="UEL", season="2023-24"
        )
    assert (match.home, match.away) == ("Liverpool", "Atalanta")
    assert match.source_teams == ("Liverpool FC (ENG)", "Atalanta (ITA)")
    assert match.match_id == "uel:2023-24:2024-03-01:liverpool-v-atalanta"


def test_source_names_keeps_the_names_as_written_and_the_id_canonical() -> None:
    [match], [] = assemble(
        [record("Liverpool FC (ENG)", "Atalanta (ITA)")],
        competition="UEL",
        season="2023-24",
        source_names=True,
    )
    schedule = match.events[0]
    assert isinstance(schedule, MatchScheduled)
    assert (schedule.home, match.source_home) == ("Liverpool FC (ENG)", None)
    assert match.match_id == "uel:2023-24:2024-03-01:liverpool-v-atalanta"


def test_two_spellings_of_one_club_are_one_team_and_refused() -> None:
    [], [problem] = assemble([record("Liverpool FC", "Liverpool")], competition="C", season="S")
    assert problem.problem is Problem.SAME_TEAM
    assert "are both 'Liverpool'" in problem.detail


def test_an_unknown_spelling_is_reported_once_a_file_and_imported_as_written() -> None:
    records = [
        record("Alpha Rovers", "Liverpool FC", 1, 3),
        record("Liverpool FC", "Alpha Rovers", 2, 9),
    ]
    matches, problems = assemble(records, competition="C", season="S")
    assert (problems, matches[0].home) == ([], "Alpha Rovers")
    [unknown] = unknown_teams(records)
    assert (unknown.where, unknown.spelling, unknown.records) == ("cup.txt:3", "Alpha Rovers", 2)
    assert str(unknown) == (
        "cup.txt:3 (and 1 more records): unknown team 'Alpha Rovers'; imported as written"
    )


def test_strict_teams_refuses_an_unknown_spelling_with_the_closest_names() -> None:
    matches, [problem] = assemble(
        [record("Liverpol", "Atalanta (ITA)")], competition="C", season="S", strict_teams=True
    )
    assert matches == []
    assert (problem.problem, problem.home) == (Problem.UNKNOWN_CLUB, "Liverpol")
    assert "closest: Liverpool" in problem.detail


# -- properties ---------------------------------------------------------------------------------
COUNTRIES = ("ENG", "ITA", "URU", "ESP")
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzéøç &.'-"
spellings = st.text(alphabet=_LETTERS, min_size=1, max_size=12).filter(lambda s: s.strip() != "")


def key(spelling: str) -> str:
    return " ".join(spelling.split()).casefold()


@st.composite
def registries(draw: st.DrawFn, names: tuple[str, ...] | None = None) -> ClubRegistry:
    """Clubs (``names``, or drawn) of random countries, each with its own random spellings."""
    if names is None:
        names = tuple(draw(st.lists(spellings, min_size=1, max_size=5, unique_by=key)))
    taken = {key(name) for name in names}
    clubs = []
    for name in names:
        free = spellings.filter(lambda s, taken=frozenset(taken): key(s) not in taken)
        own = draw(st.lists(free, max_size=3, unique_by=key))
        taken |= {key(spelling) for spelling in own}
        clubs.append(Club(name, draw(st.sampled_from((*COUNTRIES, None))), own))
    return ClubRegistry(clubs)


@given(registries())
def test_a_registry_from_random_groups_maps_every_spelling_to_exactly_one_club(
    clubs: ClubRegistry,
) -> None:
    rebuilt = ClubRegistry.from_groups(
        {str(club): sorted(club.spellings) for club in clubs}, source="drawn"
    )
    for club in rebuilt:
        for spelling in club.spellings:
            assert [c.name for c in rebuilt if rebuilt.lookup(spelling).club == c] == [club.name]
            assert rebuilt.names[spelling] == club.name
            if club.country is not None:
                assert rebuilt.canonical(f"{spelling} ({club.country})") == club.name


@given(st.data(), registries(), st.lists(st.sampled_from(COUNTRIES), min_size=2, unique=True))
def test_an_ambiguous_spelling_is_refused_never_resolved_by_chance(
    data: st.DataObject, clubs: ClubRegistry, countries: list[str]
) -> None:
    taken = {key(spelling) for club in clubs for spelling in club.spellings}
    shared = data.draw(spellings.filter(lambda s: key(s) not in taken), label="shared")
    sharing = [Club(f"Sharing {n}", country, [shared]) for n, country in enumerate(countries)]
    others = [club for club in clubs if key(club.name) not in {key(c.name) for c in sharing}]
    order = data.draw(st.permutations([*others, *sharing]), label="order")
    registry = ClubRegistry(order)

    found = registry.lookup(shared)
    assert found.resolution is Resolution.AMBIGUOUS
    assert {club.name for club in found.candidates} == {club.name for club in sharing}
    assert registry.canonical(shared) == shared
    with pytest.raises(TeamNameError) as raised:
        registry.resolve(shared)
    assert raised.value.ambiguous
    for club in sharing:
        assert registry.canonical(f"{shared} ({club.country})") == club.name
    _, [problem] = assemble(
        [record(shared, "Someone Else")],
        competition="C",
        season="S",
        teams=registry,
        strict_teams=True,
    )
    assert problem.problem is Problem.AMBIGUOUS_CLUB


@given(st.sampled_from(COUNTRIES), spellings, spellings, spellings)
def test_one_spelling_for_two_clubs_of_one_country_is_refused(
    country: str, one: str, other: str, shared: str
) -> None:
    if len({key(one), key(other), key(shared)}) < 3:
        return
    with pytest.raises(InvalidValueError, match="given for both"):
        ClubRegistry([Club(one, country, [shared]), Club(other, country, [shared])])


@st.composite
def relabelled_seasons(
    draw: st.DrawFn,
) -> tuple[GeneratedCompetition, ClubRegistry, list[object]]:
    """A season under canonical names, a registry of its teams, and the season's events with
    every team written in a spelling of the registry, drawn afresh at each match."""
    season = draw(round_robin_seasons(max_teams=3, double=False, max_goals=3))
    registry = draw(registries(season.teams))
    written: dict[str, list[str]] = {}
    for club in registry:
        written[club.name] = sorted(club.spellings)
        if club.country is not None:
            written[club.name] += [f"{s} ({club.country})" for s in club.spellings]
    relabelled: list[object] = []
    for event in [*season.events, *season.sanctions]:
        if isinstance(event, MatchScheduled):
            event = attrs.evolve(
                event,
                home=draw(st.sampled_from(written[event.home])),
                away=draw(st.sampled_from(written[event.away])),
            )
        elif isinstance(event, PointsDeduction):
            event = attrs.evolve(event, team=draw(st.sampled_from(written[event.team])))
        relabelled.append(event)
    return season, registry, relabelled


@given(relabelled_seasons())
def test_relabelling_spellings_never_changes_a_clubs_points_goals_or_results(
    drawn: tuple[GeneratedCompetition, ClubRegistry, list[object]],
) -> None:
    season, registry, relabelled = drawn
    table = LeagueTable(PREMIER_LEAGUE, season.competition, season.season)
    canonical = [*season.events, *season.sanctions]
    replayed = replay(relabelled, [RESULTS, table], teams=registry)
    folded = fold(RESULTS, canonical)
    assert replayed.states[0].results == folded.results
    book, again = RecordBook.of(folded), RecordBook.of(replayed.states[0])
    for team in season.teams:
        assert again.record(team) == book.record(team)
    expected = table.standings(fold(table, canonical))
    assert [
        (s.team, s.points, s.goals_for, s.goals_against)
        for s in table.standings(replayed.states[1])
    ] == [(s.team, s.points, s.goals_for, s.goals_against) for s in expected]
    assert (
        rank(PREMIER_LEAGUE, replayed.states[0].results).teams
        == rank(PREMIER_LEAGUE, folded.results).teams
    )


# -- the import command -------------------------------------------------------------------------
def cup(tmp_path: Path, home: str, away: str) -> str:
    path = tmp_path / "cup.json"
    match = {"date": "2024-05-01", "team1": home, "team2": away, "score": {"ft": [2, 1]}}
    path.write_text(json.dumps({"name": "Cup 2024", "matches": [match]}), encoding="utf-8")
    return str(path)


def imported_names(log: Path) -> tuple[str, str]:
    [schedule] = [e for e in read_log(log) if isinstance(e, MatchScheduled)]
    return schedule.home, schedule.away


def test_the_command_writes_canonical_names_and_reports_unknown_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "cup.jsonl"
    source = cup(tmp_path, "Man United", "Wrexham AFC")
    assert import_main(["openfootball-json", source, "-o", str(log)]) == 0
    assert imported_names(log) == ("Manchester United", "Wrexham AFC")
    assert capsys.readouterr().err == (
        f"team: {source}#1: unknown team 'Wrexham AFC'; imported as written\n"
    )


def test_strict_teams_refuses_and_teams_extends(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log, mine = tmp_path / "cup.jsonl", tmp_path / "mine.csv"
    source = cup(tmp_path, "Man United", "Wrexham AFC")
    assert import_main(["openfootball-json", source, "-o", str(log), "--strict-teams"]) == 2
    assert "unknown-club: 'Wrexham AFC' is no club the registry knows" in capsys.readouterr().err
    mine.write_text("Wrexham (WAL),Wrexham AFC\n", encoding="utf-8")
    argv = ["openfootball-json", source, "-o", str(log), "--strict-teams", "--teams", str(mine)]
    assert import_main(argv) == 0
    assert imported_names(log) == ("Manchester United", "Wrexham")


def test_source_names_and_the_deprecated_aliases_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log, mine = tmp_path / "cup.jsonl", tmp_path / "mine.csv"
    source = cup(tmp_path, "Man United", "Wrexham AFC")
    assert import_main(["openfootball-json", source, "-o", str(log), "--source-names"]) == 0
    assert imported_names(log) == ("Man United", "Wrexham AFC")
    mine.write_text("Wrexham,Wrexham AFC\n", encoding="utf-8")
    assert import_main(["openfootball-json", source, "-o", str(log), "--aliases", str(mine)]) == 0
    assert imported_names(log) == ("Manchester United", "Wrexham")


def test_two_spellings_of_one_club_alike_but_for_blanks_are_one_spelling() -> None:
    rebuilt = ClubRegistry.from_groups({"A  A (ENG)": ["A  A"]}, source="drawn")
    assert rebuilt.canonical("a a") == rebuilt.canonical("A  A")

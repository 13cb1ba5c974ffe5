"""The bundled club registry knows the names people type, not only the sources' spellings: English
media's short and English names of the clubs it holds ('Spurs', 'PSG', 'Bayern Munich'), names
without accents ('Atletico Madrid') and FIFA's names of national teams. A short name that names
several clubs in football ('Real', 'Sporting') is left out: it stays unknown, never a guess."""

from __future__ import annotations

import io

import pytest

from matchevents.cli import main
from matchevents.teams import Resolution, bundled_clubs

CLUBS = bundled_clubs()

COMMON_NAMES = [
    # England
    ("Spurs", "Tottenham Hotspur"),
    ("Man City", "Manchester City"),
    ("Man United", "Manchester United"),
    ("Man Utd", "Manchester United"),
    ("Manchester Utd", "Manchester United"),
    ("Man U", "Manchester United"),
    ("Villa", "Aston Villa"),
    ("Brighton", "Brighton & Hove Albion"),
    ("Brighton and Hove Albion", "Brighton & Hove Albion"),
    ("Palace", "Crystal Palace"),
    ("Leeds Utd", "Leeds United"),
    ("Newcastle", "Newcastle United"),
    ("Newcastle Utd", "Newcastle United"),
    ("Forest", "Nottingham Forest"),
    ("Nott'm Forest", "Nottingham Forest"),
    ("Nottm Forest", "Nottingham Forest"),
    ("Sheff Utd", "Sheffield United"),
    ("Sheffield Utd", "Sheffield United"),
    ("West Ham", "West Ham United"),
    ("Wolves", "Wolverhampton Wanderers"),
    # Spain
    ("Atletico Madrid", "Atlético Madrid"),
    ("Atlético de Madrid", "Atlético Madrid"),
    ("Atleti", "Atlético Madrid"),
    ("Barcelona", "FC Barcelona"),
    ("Barça", "FC Barcelona"),
    ("Barca", "FC Barcelona"),
    ("Betis", "Real Betis"),
    ("Girona", "Girona FC"),
    ("Sevilla", "Sevilla FC"),
    ("Valencia", "Valencia CF"),
    ("Villarreal", "Villarreal CF"),
    # Germany
    ("Bayern Munich", "Bayern München"),
    ("Bayern", "Bayern München"),
    ("Dortmund", "Borussia Dortmund"),
    ("BVB", "Borussia Dortmund"),
    ("Leverkusen", "Bayer Leverkusen"),
    ("Leipzig", "RB Leipzig"),
    ("Union Berlin", "1. FC Union Berlin"),
    ("Hoffenheim", "1899 Hoffenheim"),
    ("Schalke", "FC Schalke 04"),
    ("Frankfurt", "Eintracht Frankfurt"),
    ("Stuttgart", "VfB Stuttgart"),
    ("Freiburg", "SC Freiburg"),
    # Italy
    ("Juve", "Juventus"),
    ("Inter Milan", "Inter"),
    ("Internazionale", "Inter"),
    ("Milan", "AC Milan"),
    ("Roma", "AS Roma"),
    ("Lazio", "SS Lazio"),
    ("Napoli", "SSC Napoli"),
    ("Fiorentina", "ACF Fiorentina"),
    ("Bologna", "Bologna FC 1909"),
    # France
    ("PSG", "Paris Saint-Germain"),
    ("Paris SG", "Paris Saint-Germain"),
    ("Paris St-Germain", "Paris Saint-Germain"),
    ("Paris Saint Germain", "Paris Saint-Germain"),
    ("Monaco", "AS Monaco"),
    ("Lyon", "Olympique Lyonnais"),
    ("Marseille", "Olympique Marseille"),
    ("Olympique de Marseille", "Olympique Marseille"),
    ("Lille", "Lille OSC"),
    ("Lens", "RC Lens"),
    ("Rennes", "Stade Rennais"),
    ("Brest", "Stade Brestois 29"),
    # elsewhere in Europe
    ("Ajax", "AFC Ajax"),
    ("AZ", "AZ Alkmaar"),
    ("Porto", "FC Porto"),
    ("Benfica", "SL Benfica"),
    ("Sporting Lisbon", "Sporting CP"),
    ("Braga", "Sporting Braga"),
    ("Celtic", "Celtic FC"),
    ("Rangers", "Rangers FC"),
    ("Club Brugge", "Club Brugge KV"),
    ("FC Copenhagen", "FC København"),
    ("Red Bull Salzburg", "RB Salzburg"),
    ("Sparta Prague", "AC Sparta Praha"),
    ("Slavia Prague", "Slavia Praha"),
    ("Red Star Belgrade", "Crvena Zvezda"),
    ("Dynamo Kyiv", "Dinamo Kiev"),
    ("Shakhtar", "Shakhtar Donetsk"),
    ("Olympiacos", "Olympiakos Piraeus"),
    ("PAOK", "PAOK Saloniki"),
    ("Young Boys", "BSC Young Boys"),
    ("Malmo", "Malmö FF"),
    ("Besiktas", "Beşiktaş"),
    ("Fenerbahce", "Fenerbahçe"),
    ("Qarabag", "Qarabağ FK"),
    ("Bodo/Glimt", "FK Bodø/Glimt"),
    ("Legia Warsaw", "Legia Warszawa"),
    ("CSKA Moscow", "CSKA Moskva"),
    # national teams
    ("United States", "USA"),
    ("Holland", "Netherlands"),
    ("Czechia", "Czech Republic"),
    ("Türkiye", "Turkey"),
    ("Korea Republic", "South Korea"),
    ("IR Iran", "Iran"),
]


@pytest.mark.parametrize(("spelling", "name"), COMMON_NAMES)
def test_a_common_name_names_its_club(spelling: str, name: str) -> None:
    club = CLUBS.resolve(spelling)
    assert club.name == name
    assert CLUBS.canonical(spelling.lower()) == name
    assert CLUBS.canonical(f"{spelling} ({club.country})") == name


@pytest.mark.parametrize("spelling", ["Real", "Sporting", "Red Star", "City", "Borussia", "Inter"])
def test_a_short_name_of_several_clubs_is_not_made_to_name_one(spelling: str) -> None:
    """'Inter' is a canonical name (openfootball's): it names the one Inter the registry holds."""
    found = CLUBS.lookup(spelling)
    assert found.resolution is (Resolution.KNOWN if spelling == "Inter" else Resolution.UNKNOWN)


def test_no_spelling_of_the_bundled_registry_is_ambiguous() -> None:
    assert [
        (spelling, str(club))
        for club in CLUBS
        for spelling in sorted(club.spellings)
        if CLUBS.lookup(spelling).club != club
    ] == []


def test_the_command_answers_the_common_names() -> None:
    out, err = io.StringIO(), io.StringIO()
    argv = ["clubs", "Man Utd", "PSG", "Spurs", "Bayern Munich", "Barcelona"]
    status = main(argv, out=out, err=err)
    assert (status, err.getvalue()) == (0, "")
    assert [line.split(";")[0] for line in out.getvalue().splitlines()] == [
        "'Man Utd' is Manchester United (ENG)",
        "'PSG' is Paris Saint-Germain (FRA)",
        "'Spurs' is Tottenham Hotspur (ENG)",
        "'Bayern Munich' is Bayern München (GER)",
        "'Barcelona' is FC Barcelona (ESP)",
    ]

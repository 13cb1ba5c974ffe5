"""openfootball's Football.TXT: the plain-text match lists of the champions-league and england
repositories.

The subset read here is the one those files use::

    = UEFA Europa League 2023/24          (title: competition and season)
    # Teams      40                       (comment)
    » Quarterfinals                       (round; also "▪ Round 1" or an unmarked "Matchday 1")
      Thu Apr/11 2024                     (date; also "[Fri Aug/11]" or "Aug 11")
        21.00  Liverpool FC (ENG) v Atalanta (ITA)  0-3 (0-1)
               Olympique Marseille (FRA) v SL Benfica (POR)  4-2 pen. 1-0 a.e.t. (1-0, 0-0)
      20.00  Burnley FC   0-3 (0-2)  Manchester City FC     (score between the teams)

A score reads ``[P pen.] [ET a.e.t.] FT (HT)``, or with extra time ``ET a.e.t. (FT, HT)``; the
half-time score may be left out. A match line without a kick-off time has the time of the line
above it under the same date. A date without a year takes, of the season's years, the one that
puts it nearest the last date written with a year (files list groups one after another, so dates
go back and forth), or else July to December in the season's first year. ``<!-- ... -->`` blocks
are comments. Goal lines (``(Scamacca 38', 60')``) are not read: they are reported as unparsable
rather than skipped.

A ``[note]`` at the end of a match line is read, never dropped: ``Bournemouth abd Luton
[abandoned at 1-1 ...]`` (any note of an ``abd`` line is the reason; a scored line noted
``[abandoned ...]`` is abandoned too, its score the score when play stopped), ``[awarded 0-3]`` or
``[awarded 0-3 to Delta]`` (home goals first; the named team must be the winner by it: the
award follows the result from play, or the schedule for a match not played). Any other note is
reported (``unread-note``) and its match left out, since it may change the result.
"""

from __future__ import annotations

import re
from datetime import date, time
from functools import partial
from pathlib import Path
from typing import Final

import attrs

from matchevents.competitions.rulesets import TieRules
from matchevents.errors import ImportSourceError
from matchevents.importers.records import MatchRecord
from matchevents.importers.report import ImportProblem, ImportResult, OnError, Problem
from matchevents.importers.source import check_format, finish_import, split_title
from matchevents.score import Score
from matchevents.teams import ClubRegistry

_NAMED_BY: Final = "Football.TXT names them in a first line such as '= UEFA Europa League 2023/24'"
_MONTHS: Final = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
_TITLE: Final = re.compile(r"^=+\s*(?P<title>.*?)\s*=*\s*$")
_ROUND_MARKED: Final = re.compile(r"^\s*[»▪]\s*(?P<round>.+?)\s*$")
_DATE: Final = re.compile(
    r"^\s*\[?\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*\.?\s+)?"
    r"(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s*[/ ]\s*"
    r"(?P<day>\d{1,2})(?:\s+(?P<year>\d{4}))?\s*\]?\s*$",
    re.IGNORECASE,
)
_TIME: Final = re.compile(r"^(?P<hour>\d{1,2})[.:](?P<minute>\d{2})\s+")
_S: Final = r"\d{1,2}\s*-\s*\d{1,2}"
_SCORE_SPEC: Final = (
    rf"(?:(?P<pens>{_S})\s*pen\.?\s*)?"
    rf"(?:(?P<et>{_S})\s*a\.?\s?e\.?\s?t\.?\s*)?"
    rf"(?P<main>{_S})?\s*"
    rf"(?:\(\s*(?P<first>{_S})\s*(?:,\s*(?P<second>{_S})\s*)?\))?"
)
_ABANDONED: Final = r"(?P<abandoned>abd\.?|abandoned)"
_VS_LINE: Final = re.compile(
    rf"^(?P<home>\S.*?)\s+(?:v|vs\.?)\s+(?P<away>\S.*?)"
    rf"(?:\s+(?P<spec>{_ABANDONED}|{_SCORE_SPEC}))?(?:\s+@\s*(?P<venue>.+?))?\s*$"
)
_MIDDLE_LINE: Final = re.compile(
    rf"^(?P<home>\S.*?)\s+(?P<spec>{_ABANDONED}|(?=\d){_SCORE_SPEC})\s+"
    rf"(?P<away>\S.*?)(?:\s+@\s*(?P<venue>.+?))?\s*$"
)
_GAP: Final = re.compile(r"\s{2,}")
_NOTE: Final = re.compile(r"\s*\[(?P<note>[^\]]*)\]\s*$")
_LOOKS_LIKE_A_MATCH: Final = re.compile(rf"{_S}|\s(?:v|vs\.?|abd\.?)\s")
_UNMARKED_ROUND: Final = re.compile(
    r"^(?:matchday|round|group|gruppe|spieltag|final|semi|quarter|playoff|play-off)\w*\b.*$",
    re.IGNORECASE,
)


def import_football_txt(
    path: str | Path,
    *,
    competition: str | None = None,
    season: str | None = None,
    ties: TieRules | None = None,
    teams: ClubRegistry | None = None,
    source_names: bool = False,
    strict_teams: bool = False,
    aliases: ClubRegistry | None = None,
    on_error: OnError = OnError.SKIP,
) -> ImportResult:
    """Import a Football.TXT file as validated match events.

    Args:
        path: the file.
        competition: the competition's name; by default the ``= Title`` without the season.
        season: the season, e.g. ``"2023-24"``; by default the season the title ends with.
        ties: how knockout ties are decided (away goals, extra time, penalties); by default
            UEFA's rules of the season (see :func:`~matchevents.importers.assemble.
            default_tie_rules`).
        teams: the club registry that names the teams (by default the bundled one,
            :func:`~matchevents.teams.bundled_clubs`): the events carry canonical names, and
            the match id is made of them.
        source_names: keep the teams' names as the file writes them in the events (the match id
            is still made of the canonical names).
        strict_teams: refuse a match naming a team the registry names no single club by
            (``unknown-club``, ``ambiguous-club``), instead of importing it as written and
            listing the name in :attr:`~matchevents.importers.report.ImportResult.unknown_teams`.
        aliases: deprecated: the same as ``teams``.
        on_error: stop at the first bad record, or skip bad matches and report them all.

    Raises:
        ImportSourceError: the file cannot be read or is in another format, or the competition
            or season can be neither read nor inferred (:class:`~matchevents.errors.
            UnnamedSourceError`).
        BadRecordError: ``on_error`` is ``OnError.STOP`` and a record is bad.
    """
    title, items = read_football_txt(path, season=season)
    return finish_import(
        path,
        items,
        title=title,
        named_by=_NAMED_BY,
        competition=competition,
        season=season,
        ties=ties,
        on_error=on_error,
        teams=teams,
        source_names=source_names,
        strict_teams=strict_teams,
        aliases=aliases,
    )


def read_football_txt(
    path: str | Path, *, season: str | None = None
) -> tuple[str | None, list[MatchRecord | ImportProblem]]:
    """The file's title and its matches as records, or as problems for lines that cannot be read.

    ``season`` (or the title's season) places dates written without a year.

    Raises:
        ImportSourceError: the file cannot be read as UTF-8 text, or is in another format
            (football.json, a football-data.co.uk CSV).
    """
    file = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ImportSourceError(f"{file}: cannot read as Football.TXT: {error}") from None
    check_format(file, text, "football-txt")
    reader = _Reader(file, season)
    for number, line in enumerate(text.splitlines(), start=1):
        reader.line(number, line)
    return reader.title, reader.items


class _Reader:
    """The reading state: title, round, date, and the items read so far."""

    def __init__(self, file: str, season: str | None) -> None:
        self.file = file
        self.title: str | None = None
        self.season_start: int | None = _season_start(season)
        self.round: str | None = None
        self.date: date | None = None
        self.time: time | None = None
        self.anchor: date | None = None
        self.split_season = _is_split(season)
        self.in_comment = False
        self.items: list[MatchRecord | ImportProblem] = []

    def problem(self, number: int, problem: Problem, detail: str) -> None:
        self.items.append(
            ImportProblem(
                file=self.file,
                line=number,
                date=self.date,
                round=self.round,
                problem=problem,
                detail=detail,
            )
        )

    def line(self, number: int, raw: str) -> None:
        if self.in_comment or raw.lstrip().startswith("<!--"):
            self.in_comment = "-->" not in raw
            return
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            return
        if stripped.startswith("="):
            found = _TITLE.match(stripped)
            if found is not None and self.title is None:
                self.title = found["title"]
                titled = split_title(self.title)
                if self.season_start is None and titled is not None:
                    self.season_start = _season_start(titled[1])
                    self.split_season = _is_split(titled[1])
            return
        marked = _ROUND_MARKED.match(stripped)
        if marked is not None:
            self.round = marked["round"]
            return
        when = _DATE.match(stripped)
        if when is not None:
            self.set_date(number, when)
            return
        if _LOOKS_LIKE_A_MATCH.search(stripped):
            self.match(number, stripped)
            return
        if not raw[0].isspace() and _UNMARKED_ROUND.match(stripped):
            self.round = stripped
            return
        self.problem(number, Problem.UNPARSABLE, f"not a title, round, date or match: {stripped!r}")

    def set_date(self, number: int, when: re.Match[str]) -> None:
        self.time = None
        self.date = None
        month, day = _MONTHS[when["month"][:3].lower()], int(when["day"])
        year = int(when["year"]) if when["year"] is not None else self.guess_year(month, day)
        if year is None:
            self.problem(number, Problem.INVALID_DATE, "a date without a year, and no season")
            return
        try:
            self.date = date(year, month, day)
        except ValueError:
            self.problem(number, Problem.INVALID_DATE, f"not a date: {when[0].strip()!r}")
            return
        if when["year"] is not None:
            self.anchor = self.date

    def guess_year(self, month: int, day: int) -> int | None:
        """The year of a date written without one: of the season's years, the one that puts the
        date nearest the last date written with a year (files list groups one after another, so
        dates go back and forth); without such a date, July to December is the season's first
        year. Without a season, the year of the last dated line, moving on when the month goes
        back."""
        anchor, start = self.anchor, self.season_start
        if start is not None:
            candidates = [start, start + 1] if self.split_season else [start]
            if anchor is None:
                return start if month >= 7 or not self.split_season else start + 1
            return min(candidates, key=lambda year: abs((_safe(year, month, day) - anchor).days))
        if anchor is None:
            return None
        return anchor.year + 1 if month < anchor.month else anchor.year

    def match(self, number: int, text: str) -> None:
        kickoff = self.time
        clock = _TIME.match(text)
        if clock is not None:
            try:
                kickoff = time(int(clock["hour"]), int(clock["minute"]))
            except ValueError:
                self.problem(number, Problem.UNPARSABLE, f"not a kick-off time: {clock[0]!r}")
                return
            text = text[clock.end() :]
            self.time = kickoff
        note = _NOTE.search(text)
        if note is not None:
            text = text[: note.start()]
        found = _VS_LINE.match(text) or _MIDDLE_LINE.match(text)
        if found is None:
            self.problem(number, Problem.UNPARSABLE, f"not a match line: {text!r}")
            return
        home, away = found["home"].strip(), found["away"].strip()
        if "[" in home + away or "]" in home + away:
            # Team names never hold brackets: a note the reader cannot place.
            self.problem(number, Problem.UNREAD_NOTE, f"a note inside the match line: {text!r}")
            return
        if _GAP.search(home) or _GAP.search(away):
            # Team names never hold a wide gap; one here is a score the reader cannot read.
            self.items.append(
                ImportProblem(
                    file=self.file,
                    line=number,
                    date=self.date,
                    home=None if _GAP.search(home) else home,
                    round=self.round,
                    problem=Problem.UNPARSABLE,
                    detail=f"cannot read the score in {text!r}",
                )
            )
            return
        if self.date is None:
            self.items.append(
                ImportProblem(
                    file=self.file,
                    line=number,
                    home=home,
                    away=away,
                    round=self.round,
                    problem=Problem.INVALID_DATE,
                    detail="the match has no date before it",
                )
            )
            return
        read = _read_note(
            note["note"] if note is not None else None,
            home,
            away,
            abandoned_line=found["abandoned"] is not None,
        )
        if isinstance(read, _NoteProblem):
            self.items.append(
                ImportProblem(
                    file=self.file,
                    line=number,
                    date=self.date,
                    home=home,
                    away=away,
                    round=self.round,
                    problem=read.problem,
                    detail=read.detail,
                )
            )
            return
        abandoned, awarded, words = read
        scores = _scores(found) if found["abandoned"] is None else (None, None, None, None)
        if scores is None:
            self.items.append(
                ImportProblem(
                    file=self.file,
                    line=number,
                    date=self.date,
                    home=home,
                    away=away,
                    round=self.round,
                    problem=Problem.UNPARSABLE,
                    detail=f"cannot read the score in {text!r}",
                )
            )
            return
        ht, ft, et, pens = scores
        # What the line says of the match whatever its result.
        record = partial(
            MatchRecord,
            file=self.file,
            line=number,
            date=self.date,
            time=kickoff,
            round=self.round,
            home=home,
            away=away,
            venue=found["venue"],
            awarded=awarded,
            note=words,
        )
        if found["abandoned"] is not None or abandoned:
            # Abandoned during play: the score written, if any, is the score at that moment.
            reason = words or "abandoned"
            written = (found["spec"] or "").strip()
            if ft is not None and written not in reason:
                reason = f"{reason} (the line gives {written})"
            self.items.append(record(ft=None, abandoned=reason))
            return
        self.items.append(record(ht=ht, ft=ft, et=et, pens=pens))


_ABANDONED_NOTE: Final = re.compile(r"(?:abandoned|abd\.?)(?:\s|,|;|$)", re.IGNORECASE)
_AWARD_NOTE: Final = re.compile(
    rf"(?:^|[,;]\s*|\s)awarded\s+(?P<score>{_S})(?:\s+to\s+(?P<team>[^,;]+?))?\s*$",
    re.IGNORECASE,
)


def _teams_named(named: str, home: str, away: str) -> list[str]:
    """The teams a note's name can mean: the one it spells exactly, else those whose name
    starts with it ("Delta" for "Delta FC"), else those whose name holds it."""
    wanted = named.casefold()
    for fits in (
        lambda team: team.casefold() == wanted,
        lambda team: team.casefold().startswith(wanted),
        lambda team: wanted in team.casefold(),
    ):
        found = [team for team in (home, away) if fits(team)]
        if found:
            return found
    return []


@attrs.frozen
class _NoteProblem:
    problem: Problem
    detail: str


def _read_note(
    note: str | None, home: str, away: str, *, abandoned_line: bool
) -> tuple[bool, Score | None, str | None] | _NoteProblem:
    """What a match's ``[note]`` says: (abandoned, awarded score, the note's words), or what is
    wrong with it.

    Understood: ``[abandoned ...]`` (the words are the reason; on an ``abd`` line any note is
    the reason), ``[awarded 0-3]`` or ``[awarded 0-3 to Delta]`` (home goals first; the team,
    or a part of its name, must be the winner by that score), and an abandonment followed by an
    award (``[abandoned at 1-1, awarded 0-3]``). Any other note may change the result in a way
    the reader cannot know, so it is a problem (:attr:`Problem.UNREAD_NOTE`), never dropped.
    """
    if note is None:
        return abandoned_line, None, None
    words = note.strip()
    award = _AWARD_NOTE.search(words)
    rest = words[: award.start()].strip(" ,;") if award is not None else words
    abandoned = abandoned_line or _ABANDONED_NOTE.match(rest) is not None
    if rest and not abandoned:
        return _NoteProblem(
            Problem.UNREAD_NOTE,
            f"the note [{words}] is not one the reader understands (abandoned, awarded)",
        )
    if award is None:
        return abandoned, None, words
    score = Score.parse(award["score"])
    named = award["team"]
    if named is not None:
        named = named.strip()
        sides = _teams_named(named, home, away)
        winner = home if score.home > score.away else away if score.away > score.home else None
        if not sides:
            why = f"{named!r} is not one of the two teams"
        elif len(sides) > 1:
            why = f"{named!r} could be either team"
        elif sides[0] != winner:
            why = f"{score} (home goals first) does not make {sides[0]} the winner"
        else:
            why = ""
        if why:
            return _NoteProblem(
                Problem.AWARD_UNCLEAR, f"the note [{words}] awards the match, but {why}"
            )
    return abandoned, score, words


_Scores = tuple[Score | None, Score | None, Score | None, Score | None]


def _scores(found: re.Match[str]) -> _Scores | None:
    """(ht, ft, et, pens) from a matched line; None when the score part is malformed."""
    spec = found["spec"]
    if spec is None or not spec.strip():
        return None, None, None, None  # no score at all: a missing score, reported later
    pens, et, main = _score(found["pens"]), _score(found["et"]), _score(found["main"])
    first, second = _score(found["first"]), _score(found["second"])
    if et is not None:
        if main is not None:
            return None
        return second, first, et, pens
    if second is not None or main is None:
        return None
    return first, main, None, pens


def _score(text: str | None) -> Score | None:
    return None if text is None else Score.parse(text)


def _is_split(season: str | None) -> bool:
    return bool(re.match(r"\s*\d{4}\s*[/-]", season or ""))


def _safe(year: int, month: int, day: int) -> date:
    """The date, or the last day of the month for a day it does not have (29 Feb)."""
    return date(year, month, min(day, 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31))


def _season_start(season: str | None) -> int | None:
    found = re.match(r"\s*(\d{4})", season or "")
    return int(found[1]) if found else None

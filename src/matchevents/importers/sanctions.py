"""Points deductions for an import: read from a small CSV, matched to the imported teams.

Results files say nothing of the points a league took away, so a table replayed from them alone
is not the official one. A sanctions file lists the decisions, one a row::

    # Comment lines (sources, notes) start with '#'.
    competition,season,team,points,date,reason
    Premier League,2023-24,Everton,10,2023-11-17,breach of the profitability rules
    Premier League,2023-24,Everton,-4,2024-02-26,reduced to 6 points on appeal

``points`` are the points taken away (negative for points given back, as a reduction on appeal
is: see :class:`~matchevents.competitions.sanctions.PointsDeduction`); ``date`` is the day the
decision took effect (``YYYY-MM-DD``, or empty when unknown); ``reason`` may be empty. The file's
team names may be canonical ones (:mod:`matchevents.teams`): each is written as the imported
matches spell it. One such file ships with matchevents
(:data:`BUILTIN_SANCTIONS`).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from datetime import date
from importlib.resources import files
from pathlib import Path
from types import MappingProxyType
from typing import Final

import attrs

from matchevents.competitions.sanctions import PointsDeduction, unknown_team_message
from matchevents.errors import ImportSourceError, InvalidValueError
from matchevents.importers.duplicates import deduction_key
from matchevents.importers.report import ImportProblem, ImportResult, Problem
from matchevents.importers.source import normalize_season
from matchevents.teams import ClubRegistry, bundled_clubs

COLUMNS: Final = ("competition", "season", "team", "points", "date", "reason")
"""The columns of a sanctions file, in its header's order."""

BUILTIN_SANCTIONS: Final[Mapping[str, str]] = MappingProxyType(
    {"premier-league": "premier-league-sanctions.csv"}
)
"""The sanctions files shipped in ``matchevents/importers/data/``, by the name ``--sanctions``
takes: ``premier-league`` holds the points deductions of the Premier League seasons 2022-23 to
2024-25 (Everton's and Nottingham Forest's of 2023-24), its sources named in its header."""


@attrs.frozen(slots=True, kw_only=True)
class Sanction:
    """One row of a sanctions file: a points deduction and where it is written.

    Attributes:
        file: the sanctions file.
        line: the row's line in the file.
        deduction: the deduction, its team as the file names it.
    """

    file: str
    line: int
    deduction: PointsDeduction

    @property
    def where(self) -> str:
        """``file:line``."""
        return f"{self.file}:{self.line}"


def load_sanctions(spec: str | Path) -> tuple[Sanction, ...]:
    """The sanctions of a shipped list (a name in :data:`BUILTIN_SANCTIONS`, named by its file
    name in messages), or else of the file at ``spec``.

    Raises:
        ImportSourceError: see :func:`read_sanctions`.
    """
    builtin = BUILTIN_SANCTIONS.get(str(spec))
    if builtin is None:
        return read_sanctions(spec)
    shipped = files("matchevents.importers") / "data" / builtin
    return read_sanctions(Path(str(shipped)), name=builtin)


def read_sanctions(path: str | Path, *, name: str | None = None) -> tuple[Sanction, ...]:
    """Every row of a sanctions file (see the module's documentation), in file order; ``name``
    is the file as problems name it (by default, ``path``).

    Raises:
        ImportSourceError: the file cannot be read, its header is not :data:`COLUMNS`, or a row
            is not a points deduction; the message names the file and line.
    """
    file = str(path) if name is None else name
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ImportSourceError(f"{file}: cannot read the sanctions: {error}") from None
    sanctions: list[Sanction] = []
    header: list[str] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in next(csv.reader([line]))]
        if header is None:
            header = cells
            if tuple(header) != COLUMNS:
                raise ImportSourceError(
                    f"{file}:{number}: a sanctions file's header is {','.join(COLUMNS)}, "
                    f"not {line.strip()!r}"
                )
            continue
        sanctions.append(Sanction(file=file, line=number, deduction=_row(file, number, cells)))
    if header is None:
        raise ImportSourceError(f"{file}: no header {','.join(COLUMNS)}: not a sanctions file")
    return tuple(sanctions)


def _row(file: str, number: int, cells: list[str]) -> PointsDeduction:
    where = f"{file}:{number}"
    if len(cells) != len(COLUMNS):
        raise ImportSourceError(
            f"{where}: {len(cells)} cells, not the {len(COLUMNS)} of {','.join(COLUMNS)}"
        )
    competition, season, team, points, day, reason = cells
    try:
        number_of_points = int(points)
    except ValueError:
        raise ImportSourceError(f"{where}: points {points!r} is not a whole number") from None
    try:
        on = date.fromisoformat(day) if day else None
    except ValueError:
        raise ImportSourceError(f"{where}: date {day!r} is not a YYYY-MM-DD date") from None
    try:
        return PointsDeduction(
            competition=competition,
            season=normalize_season(season),
            team=team,
            points=number_of_points,
            on=on,
            reason=reason,
        )
    except (InvalidValueError, ImportSourceError) as error:
        raise ImportSourceError(f"{where}: {error}") from None


@attrs.frozen(slots=True, kw_only=True)
class Applied:
    """The deductions of a sanctions file that an import's seasons take.

    Attributes:
        deductions: each deduction for a season imported, its team spelt as the matches spell
            it, with where it is written (``file:line``), in file order.
        problems: a deduction whose team plays no match of its season (``unknown-team``).
        elsewhere: the (competition, season) of rows for a season imported under another
            competition name (``Premier League`` rows, ``English Premier League`` matches):
            those rows are not applied, and the user may have meant them.
    """

    deductions: tuple[tuple[str, PointsDeduction], ...]
    problems: tuple[ImportProblem, ...]
    elsewhere: tuple[tuple[str, str], ...]


def apply_sanctions(
    sanctions: Iterable[Sanction],
    results: Iterable[ImportResult],
    *,
    registry: ClubRegistry | None = None,
    teams: Mapping[tuple[str, str], Iterable[str]] | None = None,
) -> Applied:
    """The deductions of ``sanctions`` for the competitions and seasons of ``results``.

    A deduction's team is found among the teams of its season's matches (those imported, and
    ``teams``: the teams a log already holds) by its name, or by its canonical name in
    ``registry`` (by default the bundled one); it is then spelt as the matches spell it.
    """
    known: dict[tuple[str, str], set[str]] = {
        key: set(names) for key, names in (teams or {}).items()
    }
    imported: list[tuple[str, str]] = []
    for result in results:
        key = (result.competition, result.season)
        if key not in imported:
            imported.append(key)
        season_teams = known.setdefault(key, set())
        for match in result.matches:
            season_teams.update((match.home, match.away))
    canonical = (bundled_clubs() if registry is None else registry).canonical
    deductions: list[tuple[str, PointsDeduction]] = []
    problems: list[ImportProblem] = []
    elsewhere: list[tuple[str, str]] = []
    imported_seasons = {season for _, season in imported}
    for sanction in sanctions:
        deduction = sanction.deduction
        key = (deduction.competition, deduction.season)
        if key not in imported:
            if deduction.season in imported_seasons and key not in elsewhere:
                elsewhere.append(key)
            continue
        names = known[key]
        spelt = [name for name in names if canonical(name) == canonical(deduction.team)]
        if deduction.team in names or len(spelt) == 1:
            team = deduction.team if deduction.team in names else spelt[0]
            deductions.append((sanction.where, attrs.evolve(deduction, team=team)))
            continue
        problems.append(
            ImportProblem(
                file=sanction.file,
                line=sanction.line,
                date=deduction.on,
                problem=Problem.UNKNOWN_TEAM,
                detail=unknown_team_message(deduction, names),
            )
        )
    return Applied(
        deductions=tuple(deductions), problems=tuple(problems), elsewhere=tuple(elsewhere)
    )


@attrs.frozen(slots=True, kw_only=True)
class LeftOut:
    """The deductions of a shipped sanctions list for a competition's season that an import
    writes without them: its table is then not the official one.

    Attributes:
        sanctions: the list's name, as ``--sanctions`` takes it (a key of
            :data:`BUILTIN_SANCTIONS`).
        competition: the competition, as the list and the matches name it.
        season: the season.
        points: each team's points deducted over the season (the sum of its rows: negative for
            points given back), the team spelt as the matches spell it, in the list's order.
    """

    sanctions: str
    competition: str
    season: str
    points: tuple[tuple[str, int], ...]


def builtin_deductions_left_out(
    results: Iterable[ImportResult],
    *,
    registry: ClubRegistry | None = None,
    teams: Mapping[tuple[str, str], Iterable[str]] | None = None,
    held: Iterable[PointsDeduction] = (),
) -> tuple[LeftOut, ...]:
    """For an import without sanctions: each competition season of ``results`` for which a list of
    :data:`BUILTIN_SANCTIONS` holds deductions, matched to the imported teams as that list given
    as sanctions would be (:func:`apply_sanctions`, with ``registry`` and ``teams``), less those
    ``held`` already (by the log appended to); in the order of each list's rows.
    """
    results = list(results)
    taken = {deduction_key(deduction) for deduction in held}
    left_out: list[LeftOut] = []
    for name in BUILTIN_SANCTIONS:
        applied = apply_sanctions(load_sanctions(name), results, registry=registry, teams=teams)
        seasons: dict[tuple[str, str], dict[str, int]] = {}
        for _, deduction in applied.deductions:
            if deduction_key(deduction) in taken:
                continue
            points = seasons.setdefault((deduction.competition, deduction.season), {})
            points[deduction.team] = points.get(deduction.team, 0) + deduction.points
        left_out.extend(
            LeftOut(
                sanctions=name,
                competition=competition,
                season=season,
                points=tuple(points.items()),
            )
            for (competition, season), points in seasons.items()
        )
    return tuple(left_out)

"""Event-data providers read from local files through kloppy, one import format each.

:data:`PROVIDERS` names, for each format of ``matchevents import``, the kloppy loader that
reads it and the provider's companion files (StatsBomb's line-up file beside its events, Opta's
F7 beside its F24, ...). kloppy is imported here, when a file is read, and nowhere else: the rest
of matchevents runs without it (``pip install "matchevents[kloppy]"`` adds it).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, TypeAlias

import attrs

from matchevents.competitions.rulesets import TieRules
from matchevents.errors import BadRecordError, ImportSourceError, UnnamedSourceError
from matchevents.importers.assemble import default_tie_rules, registry_of, unknown_teams
from matchevents.importers.kloppy.building import Fixture, build_match, record_of
from matchevents.importers.kloppy.facts import MatchFacts
from matchevents.importers.kloppy.names import TeamNaming
from matchevents.importers.kloppy.reading import read_dataset
from matchevents.importers.report import ImportedMatch, ImportProblem, ImportResult, OnError
from matchevents.importers.source import normalize_season
from matchevents.teams import ClubRegistry


@attrs.frozen(slots=True, kw_only=True)
class Companion:
    """A file the provider's events come with.

    Attributes:
        option: the command's option, without dashes (``"lineup"`` for ``--lineup FILE``), and
            the key of ``companions=`` in the library.
        argument: the argument of kloppy's loader it is passed as.
        what: what the file holds, for help and errors.
    """

    option: str
    argument: str
    what: str


@attrs.frozen(slots=True, kw_only=True)
class Provider:
    """How kloppy loads one provider's event data from local files.

    Attributes:
        title: the provider's name, as written.
        loader: kloppy's loading function, as ``"module:function"``.
        events: the argument of the loader the event file is passed as.
        companions: the other files the loader needs.
        fixed: further arguments of the loader (the data version).
    """

    title: str
    loader: str
    events: str
    events_what: str
    companions: tuple[Companion, ...] = ()
    fixed: Mapping[str, object] = attrs.field(factory=dict)


_Date: TypeAlias = date
"""``datetime.date`` under a name that a field called ``date`` does not shadow."""

# Only the event types a timeline records are built: kloppy skips the rest (passes, carries...).
_EVENT_TYPES: Final = ("SHOT", "CARD", "SUBSTITUTION")

PROVIDERS: Final[Mapping[str, Provider]] = MappingProxyType(
    {
        "statsbomb": Provider(
            title="StatsBomb",
            loader="kloppy.statsbomb:load",
            events="event_data",
            events_what="the events JSON",
            companions=(Companion(option="lineup", argument="lineup_data", what="line-up JSON"),),
        ),
        "opta": Provider(
            title="Opta",
            loader="kloppy.opta:load",
            events="f24_data",
            events_what="the F24 events XML",
            companions=(Companion(option="f7", argument="f7_data", what="F7 match XML"),),
        ),
        "wyscout-v3": Provider(
            title="Wyscout v3",
            loader="kloppy.wyscout:load",
            events="event_data",
            events_what="the events JSON (match, teams and players included)",
            fixed={"data_version": "V3"},
        ),
        "sportec": Provider(
            title="Sportec (DFL)",
            loader="kloppy.sportec:load_event",
            events="event_data",
            events_what="the events XML",
            companions=(Companion(option="meta", argument="meta_data", what="match metadata XML"),),
        ),
        "statsperform": Provider(
            title="Stats Perform",
            loader="kloppy.statsperform:load_event",
            events="ma3_data",
            events_what="the MA3 events JSON or XML",
            companions=(
                Companion(option="ma1", argument="ma1_data", what="MA1 match JSON or XML"),
            ),
        ),
    }
)
"""Each event-data format of ``matchevents import`` by name."""


def load_dataset(
    provider: str, path: str | Path, companions: Mapping[str, str | Path] | None = None
) -> Any:
    """kloppy's ``EventDataset`` of one provider's event file and its companions.

    Raises:
        ImportSourceError: kloppy is not installed, a companion file is missing, or kloppy cannot
            read the files as the provider's.
    """
    spec = PROVIDERS[provider]
    given = dict(companions or {})
    arguments: dict[str, object] = {spec.events: str(path), **spec.fixed}
    for companion in spec.companions:
        file = given.pop(companion.option, None)
        if file is None:
            raise ImportSourceError(
                f"{path}: {spec.title} events come with a {companion.what}: pass "
                f"{companion.option}=... (--{companion.option} FILE)"
            )
        arguments[companion.argument] = str(file)
    if given:
        raise ImportSourceError(
            f"{path}: {spec.title} takes no {', '.join(sorted(given))} file" + _takes(spec)
        )
    module_name, _, function = spec.loader.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError:
        raise ImportSourceError(
            f"{path}: reading {spec.title} event data needs kloppy: "
            "pip install 'matchevents[kloppy]'"
        ) from None
    loader = getattr(module, function)
    try:
        return loader(**arguments, event_types=list(_EVENT_TYPES))
    except Exception as error:  # kloppy raises what its parsers raise: any is "cannot read"
        files = ", ".join(str(value) for key, value in arguments.items() if key not in spec.fixed)
        raise ImportSourceError(
            f"{path}: kloppy cannot read {files} as {spec.title} event data: "
            f"{type(error).__name__}: {error}"
        ) from None


def _takes(spec: Provider) -> str:
    if not spec.companions:
        return " (its events file holds everything)"
    return " (it takes " + ", ".join(companion.option for companion in spec.companions) + ")"


def import_dataset(
    dataset: Any,
    *,
    file: str | Path = "<dataset>",
    competition: str | None = None,
    season: str | None = None,
    date: date | None = None,
    ties: TieRules | None = None,
    teams: ClubRegistry | None = None,
    source_names: bool = False,
    strict_teams: bool = False,
    on_error: OnError = OnError.SKIP,
) -> ImportResult:
    """Import one match of a kloppy ``EventDataset`` (any provider kloppy reads) as validated
    events.

    Args:
        dataset: the dataset, as a kloppy loader returns it.
        file: where it was read from, for the reports.
        competition: the competition; kloppy's metadata does not name it, so it is required.
        season: the season, e.g. ``"2020-21"`` (required, like the competition).
        date: the day of the match, where the provider gives none (StatsBomb's files do not);
            a day the provider gives is used instead.
        ties: the rules of a knockout match, for a match that went to extra time or a shoot-out
            (by default UEFA's of the season).
        teams: the club registry that names the teams (by default the bundled one); a spelling
            it names no single club by is kept as written and listed in
            :attr:`~matchevents.importers.ImportResult.unknown_teams`.
        source_names: the events keep the provider's team names (the match id still uses the
            canonical names).
        strict_teams: refuse the match if the registry names no single club by a team's name.
        on_error: stop at a bad match, or report it.

    Raises:
        UnnamedSourceError: no competition, season or date, where the import needs one.
        ImportSourceError: the dataset is not one match's event data.
        BadRecordError: ``on_error`` is :attr:`OnError.STOP` and the match is rejected.
    """
    return import_facts(
        read_dataset(dataset),
        file=str(file),
        competition=competition,
        season=season,
        date=date,
        ties=ties,
        naming=TeamNaming(registry_of(teams), source_names, strict_teams),
        on_error=on_error,
    )


def import_facts(
    facts: MatchFacts,
    *,
    file: str,
    competition: str | None,
    season: str | None,
    date: date | None,
    ties: TieRules | None,
    naming: TeamNaming,
    on_error: OnError,
) -> ImportResult:
    """:func:`import_dataset` for facts already read."""
    named_by = f"kloppy's {facts.provider} metadata names none"
    if competition is None:
        raise UnnamedSourceError(f"{file}: no competition given, and {named_by}", "competition")
    if season is None:
        raise UnnamedSourceError(f"{file}: no season given, and {named_by}", "season")
    season = normalize_season(season)
    day = facts.kickoff.date() if facts.kickoff is not None else facts.day or date
    if day is None:
        raise UnnamedSourceError(
            f"{file}: no date given, and {facts.provider}'s files give no day of the match", "date"
        )
    rules = default_tie_rules(season) if ties is None else ties
    fixture = Fixture(
        file=file,
        competition=competition,
        season=season,
        knockout=rules.single_match_format(),
        naming=naming,
    )
    built = build_match(facts, day, fixture)
    if isinstance(built, ImportProblem) and on_error is OnError.STOP:
        raise BadRecordError(built)
    return ImportResult(
        competition=competition,
        season=season,
        file=file,
        matches=(built,) if isinstance(built, ImportedMatch) else (),
        problems=(built,) if isinstance(built, ImportProblem) else (),
        # Strict, they are refused, among the problems.
        unknown_teams=()
        if naming.strict
        else unknown_teams([record_of(facts, day, file)], naming.registry),
    )


@attrs.frozen(slots=True)
class EventDataImporter:
    """The importer of one provider's files (a :class:`~matchevents.importers.Importer`, with
    the companion files and a fallback date as further keywords, or bound beforehand: the
    command binds its ``--lineup``, ``--f7``, ... and ``--date`` options).

    Attributes:
        provider: the format's name in :data:`PROVIDERS`.
        companions: the companion files, by option name, used where a call gives none.
        date: the fallback day of the match, used where a call gives none.
    """

    provider: str
    companions: Mapping[str, str | Path] = attrs.field(factory=dict, kw_only=True)
    date: _Date | None = attrs.field(default=None, kw_only=True)

    def __call__(
        self,
        path: str | Path,
        *,
        competition: str | None = None,
        season: str | None = None,
        ties: TieRules | None = None,
        teams: ClubRegistry | None = None,
        source_names: bool = False,
        strict_teams: bool = False,
        on_error: OnError = OnError.SKIP,
        companions: Mapping[str, str | Path] | None = None,
        date: _Date | None = None,
    ) -> ImportResult:
        """Import one match from ``path`` (the events) and its ``companions`` (by option name:
        ``{"lineup": ...}`` for StatsBomb; see :data:`PROVIDERS`).

        Raises:
            ImportSourceError: the files cannot be read as the provider's, kloppy is not
                installed, or the competition, season or date is needed and not given
                (:class:`~matchevents.errors.UnnamedSourceError`).
            BadRecordError: ``on_error`` is :attr:`OnError.STOP` and the match is rejected.
        """
        dataset = load_dataset(
            self.provider, path, self.companions if companions is None else companions
        )
        return import_dataset(
            dataset,
            file=path,
            competition=competition,
            season=season,
            date=self.date if date is None else date,
            ties=ties,
            teams=teams,
            source_names=source_names,
            strict_teams=strict_teams,
            on_error=on_error,
        )

"""Real matches through the timeline: the three of ``matches.py`` event by event, and two-legged
ties of the shared openfootball data replayed from their recorded half-time and full-time scores."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from matches import (
    ANFIELD_ID,
    ANFIELD_SCORE,
    BERGAMO_ID,
    ISTANBUL_ID,
    all_matches,
    anfield_first_leg,
    bergamo_second_leg,
    istanbul_final,
)
from matchevents import (
    AwayGoals,
    Event,
    KickOutcome,
    MatchFormat,
    MatchPhase,
    MatchScheduled,
    Period,
    PeriodEnded,
    PeriodStarted,
    Rule,
    RuleViolation,
    Score,
    ShootoutKick,
    Side,
    Timeline,
    end_of_extra_time,
    full_time,
    half_time,
    kick_off,
)
from matchevents.projections import score_line

CENTRAL_EUROPE = ZoneInfo("Europe/Paris")


def replay(events: Sequence[Event]) -> Timeline:
    """A timeline built by appending ``events`` one by one, checking each gets the next version."""
    timeline = Timeline(events[0].match_id)
    for expected_version, event in enumerate(events, start=1):
        assert timeline.append(event, expected_version=expected_version - 1) == expected_version
    return timeline


def assert_rejected(timeline: Timeline, event: Event, rule: Rule) -> RuleViolation:
    """``event`` is refused for ``rule``, naming the match and the version it would have had, and
    the timeline is left exactly as it was."""
    version, phase, score = timeline.version, timeline.phase, timeline.score
    events = list(timeline.events)
    with pytest.raises(RuleViolation) as caught:
        timeline.append(event)
    err = caught.value
    assert err.rule is rule, err
    assert err.match_id == timeline.match_id
    assert err.version == version + 1
    assert err.event == event
    assert (timeline.version, timeline.phase, timeline.score) == (version, phase, score)
    assert list(timeline.events) == events
    return err


# -- the three matches of matches.py ------------------------------------------------------------


@pytest.mark.parametrize("match_id", [ANFIELD_ID, BERGAMO_ID, ISTANBUL_ID])
def test_every_event_is_accepted_in_order(match_id: str) -> None:
    events = all_matches()[match_id]
    timeline = replay(events)
    assert timeline.match_id == match_id
    assert list(timeline.events) == events
    assert [timeline.event_at(v) for v in range(1, len(events) + 1)] == events
    assert timeline.is_over


@pytest.mark.parametrize(
    ("match_id", "score", "last_period"),
    [
        (ANFIELD_ID, Score(0, 3), Period.SECOND_HALF),
        (BERGAMO_ID, Score(0, 1), Period.SECOND_HALF),
        (ISTANBUL_ID, Score(3, 3), Period.PENALTY_SHOOTOUT),
    ],
)
def test_each_match_finishes_on_its_result(
    match_id: str, score: Score, last_period: Period
) -> None:
    timeline = replay(all_matches()[match_id])
    assert timeline.phase is MatchPhase.FINISHED
    assert timeline.score == score
    assert timeline.period is last_period


def test_the_first_legs_result_is_the_one_the_second_leg_carries() -> None:
    first = replay(anfield_first_leg())
    second = replay(bergamo_second_leg())
    assert second.schedule is not None
    assert first.schedule is not None
    assert first.schedule.leg == 1
    assert second.schedule.leg == 2
    assert second.schedule.format.first_leg == first.score == ANFIELD_SCORE
    # The home side of the first leg is the away side of the second.
    assert first.schedule.home == second.schedule.away == "Liverpool"
    assert second.schedule.format.aggregate(second.score) == Score(3, 1)


def test_bergamo_refuses_extra_time_because_the_tie_is_decided_on_aggregate() -> None:
    timeline = replay(bergamo_second_leg())
    err = assert_rejected(
        timeline,
        PeriodStarted(match_id=BERGAMO_ID, period=Period.EXTRA_TIME_FIRST_HALF),
        Rule.EXTRA_TIME_NEEDS_LEVEL,
    )
    assert "3-1 on aggregate" in err.detail
    assert_rejected(
        timeline,
        PeriodStarted(match_id=BERGAMO_ID, period=Period.PENALTY_SHOOTOUT),
        Rule.SHOOTOUT_NEEDS_LEVEL,
    )


def test_the_same_second_leg_after_a_1_0_first_leg_goes_to_extra_time() -> None:
    timeline = replay(bergamo_second_leg(first_leg=Score(0, 1)))
    assert timeline.phase is MatchPhase.BREAK
    assert not timeline.is_over
    m = BERGAMO_ID
    timeline.extend(
        [
            PeriodStarted(match_id=m, period=Period.EXTRA_TIME_FIRST_HALF),
            PeriodEnded(match_id=m, period=Period.EXTRA_TIME_FIRST_HALF),
            PeriodStarted(match_id=m, period=Period.EXTRA_TIME_SECOND_HALF),
            end_of_extra_time(m),
        ]
    )
    # Still 1-1 on aggregate after extra time, and no away goals rule: penalties.
    assert timeline.phase is MatchPhase.BREAK
    timeline.append(PeriodStarted(match_id=m, period=Period.PENALTY_SHOOTOUT))
    assert timeline.period is Period.PENALTY_SHOOTOUT


def test_istanbul_plays_every_period_in_order() -> None:
    timeline = Timeline(ISTANBUL_ID)
    seen: list[tuple[Period, MatchPhase]] = []

    def after_each_period(event: Event, version: int) -> None:
        if isinstance(event, PeriodEnded):
            seen.append((event.period, timeline.phase))

    timeline.subscribe(after_each_period)
    events = istanbul_final()
    for event in events:
        timeline.append(event)
    assert [e.period for e in events if isinstance(e, PeriodStarted)] == list(Period)
    assert seen == [
        (Period.FIRST_HALF, MatchPhase.BREAK),
        (Period.SECOND_HALF, MatchPhase.BREAK),
        (Period.EXTRA_TIME_FIRST_HALF, MatchPhase.BREAK),
        (Period.EXTRA_TIME_SECOND_HALF, MatchPhase.BREAK),
        (Period.PENALTY_SHOOTOUT, MatchPhase.FINISHED),
    ]


def test_istanbul_reads_3_3_after_extra_time_and_3_2_to_liverpool_on_penalties() -> None:
    line = score_line(istanbul_final())
    assert line.half_time == Score(3, 0)
    assert line.full_time == Score(3, 3)
    assert line.after_extra_time == Score(3, 3)
    assert line.penalties == Score(2, 3)


def test_istanbul_half_time_score_is_checked_against_the_goals() -> None:
    events = istanbul_final()
    at_half_time = events.index(half_time(ISTANBUL_ID, Score(3, 0)))
    timeline = replay(events[:at_half_time])
    assert timeline.score == Score(3, 0)
    assert_rejected(timeline, half_time(ISTANBUL_ID, Score(2, 0)), Rule.RECORDED_SCORE_MISMATCH)


def test_istanbul_shootout_is_won_by_shevchenkos_saved_kick() -> None:
    events = istanbul_final()
    shevchenko = events[-2]
    assert isinstance(shevchenko, ShootoutKick)
    assert shevchenko.taker == "Andriy Shevchenko"
    assert shevchenko.outcome is KickOutcome.SAVED

    before = replay(events[:-2])
    # 2-3 with Milan's fifth kick to come: Milan can still level.
    assert_rejected(before, events[-1], Rule.SHOOTOUT_NOT_DECIDED)
    before.append(shevchenko)
    # Decided: Liverpool's fifth kick is not taken.
    assert_rejected(
        before,
        ShootoutKick(
            match_id=ISTANBUL_ID, side=Side.AWAY, taker="Steven Gerrard", outcome=KickOutcome.SCORED
        ),
        Rule.SHOOTOUT_ALREADY_DECIDED,
    )
    before.append(events[-1])
    assert before.phase is MatchPhase.FINISHED


def test_istanbul_shootout_alternates_from_milan() -> None:
    events = istanbul_final()
    first_kick = next(i for i, e in enumerate(events) if isinstance(e, ShootoutKick))
    serginho, hamann, pirlo, cisse = events[first_kick : first_kick + 4]
    timeline = replay(events[:first_kick])
    timeline.append(serginho)
    # Milan kicked first, so Liverpool kick next ...
    assert_rejected(timeline, pirlo, Rule.SHOOTOUT_KICK_OUT_OF_TURN)
    timeline.append(hamann)
    # ... and Milan open every round.
    assert_rejected(timeline, cisse, Rule.SHOOTOUT_KICK_OUT_OF_TURN)
    timeline.append(pirlo)
    timeline.append(cisse)


# -- two-legged ties from the shared openfootball data ---------------------------------------------


def load_matches(shared_data: Path, name: str) -> list[dict[str, Any]]:
    """The match records of one football.json file of the shared data."""
    data = json.loads((shared_data / "openfootball" / name).read_text(encoding="utf-8"))
    matches: list[dict[str, Any]] = data["matches"]
    return matches


def find(records: list[dict[str, Any]], home: str, away: str, date: str) -> dict[str, Any]:
    """The one record of ``home`` v ``away`` on ``date``."""
    found = [r for r in records if (r["team1"], r["team2"], r["date"]) == (home, away, date)]
    assert len(found) == 1, f"{home} v {away} on {date}: {len(found)} records"
    return found[0]


def recorded_scores_only(match_id: str, record: dict[str, Any], fmt: MatchFormat) -> list[Event]:
    """A coarse timeline: the schedule, the periods, and the recorded scores; no goal events."""
    score = record["score"]
    events: list[Event] = [
        MatchScheduled(
            match_id=match_id,
            home=record["team1"],
            away=record["team2"],
            competition="UEFA Champions League",
            season="2018-19",
            stage=record["round"],
            format=fmt,
        ),
        kick_off(match_id),
        half_time(match_id, Score(*score["ht"])),
        PeriodStarted(match_id=match_id, period=Period.SECOND_HALF),
        full_time(match_id, Score(*score["ft"])),
    ]
    if "et" in score:
        events += [
            PeriodStarted(match_id=match_id, period=Period.EXTRA_TIME_FIRST_HALF),
            PeriodEnded(match_id=match_id, period=Period.EXTRA_TIME_FIRST_HALF),
            PeriodStarted(match_id=match_id, period=Period.EXTRA_TIME_SECOND_HALF),
            end_of_extra_time(match_id, Score(*score["et"])),
        ]
    return events


def test_shared_data_agrees_with_our_europa_league_quarter_final(shared_data: Path) -> None:
    records = load_matches(shared_data, "el.2023-24.derived.json")
    for match_id, home, away, date in [
        (ANFIELD_ID, "Liverpool FC (ENG)", "Atalanta (ITA)", "2024-04-11"),
        (BERGAMO_ID, "Atalanta (ITA)", "Liverpool FC (ENG)", "2024-04-18"),
    ]:
        record = find(records, home, away, date)
        events = all_matches()[match_id]
        schedule = events[0]
        assert isinstance(schedule, MatchScheduled)
        assert schedule.kickoff is not None
        assert schedule.kickoff.date().isoformat() == date
        # The file gives UEFA's Central European kick-off times: 20:00 at Anfield is 21:00 there.
        assert schedule.kickoff.astimezone(CENTRAL_EUROPE).strftime("%H:%M") == record["time"]
        assert replay(events).score == Score(*record["score"]["ft"])
        recorded = [e.score for e in events if isinstance(e, PeriodEnded) and e.is_half_time]
        assert recorded == [Score(*record["score"]["ht"])]


def test_ajax_tottenham_2019_is_decided_on_away_goals_at_full_time(shared_data: Path) -> None:
    # Tottenham 0-1 Ajax, then Ajax 2-3 Tottenham: 3-3 on aggregate, Tottenham through on away
    # goals (3 to 1), so no extra time.
    records = load_matches(shared_data, "uefa.cl.2018-19.json")
    spurs, ajax = "Tottenham Hotspur (ENG)", "AFC Ajax (NED)"
    leg1 = find(records, spurs, ajax, "2019-04-30")
    leg2 = find(records, ajax, spurs, "2019-05-08")

    first = replay(
        recorded_scores_only(
            "ucl-2018-19-sf-tottenham-ajax-1", leg1, MatchFormat.first_leg_of_tie()
        )
    )
    assert first.phase is MatchPhase.FINISHED
    away_goals = MatchFormat.second_leg_of_tie(
        first.score, away_goals=AwayGoals.INCLUDING_EXTRA_TIME
    )
    second = replay(recorded_scores_only("ucl-2018-19-sf-ajax-tottenham-2", leg2, away_goals))
    assert second.phase is MatchPhase.FINISHED
    assert away_goals.aggregate(second.score) == Score(3, 3)
    assert away_goals.decided_by(second.score, after_extra_time=False) is Side.AWAY

    # Without the away goals rule the same scores would have meant extra time.
    no_away_goals = MatchFormat.second_leg_of_tie(first.score)
    level = replay(recorded_scores_only("ucl-2018-19-sf-ajax-tottenham-2", leg2, no_away_goals))
    assert level.phase is MatchPhase.BREAK


def test_porto_roma_2019_goes_to_extra_time_on_level_away_goals(shared_data: Path) -> None:
    # Roma 2-1 Porto, then Porto 2-1 Roma after 90 minutes: 3-3 on aggregate, one away goal each,
    # so extra time, which Porto won 3-1.
    records = load_matches(shared_data, "uefa.cl.2018-19.json")
    roma, porto = "AS Roma (ITA)", "FC Porto (POR)"
    leg1 = find(records, roma, porto, "2019-02-12")
    leg2 = find(records, porto, roma, "2019-03-06")

    first = replay(
        recorded_scores_only("ucl-2018-19-r16-roma-porto-1", leg1, MatchFormat.first_leg_of_tie())
    )
    fmt = MatchFormat.second_leg_of_tie(first.score, away_goals=AwayGoals.INCLUDING_EXTRA_TIME)
    second = replay(recorded_scores_only("ucl-2018-19-r16-porto-roma-2", leg2, fmt))
    assert second.phase is MatchPhase.FINISHED
    assert second.period is Period.EXTRA_TIME_SECOND_HALF
    assert second.score == Score(3, 1)
    assert fmt.decided_by(second.score, after_extra_time=True) is Side.HOME

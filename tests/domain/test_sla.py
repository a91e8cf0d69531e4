"""SLA of the SOP steps for period 2026-07: submission due Mon 3 Aug 2026, closing Wed 5 Aug.

Mon 17 Aug 2026 is Independence Day, so Fri 14 -> Tue 18 Aug crosses a weekend and a holiday.
"""

from datetime import UTC, datetime, timedelta

import pytest

from service.domain.calendar import JAKARTA, WorkingCalendar
from service.domain.deadlines import month_deadlines
from service.domain.period import Period
from service.domain.sla import (
    SOP_STEPS,
    SlaRow,
    StepTiming,
    format_sla_table,
    format_submission_table,
    format_working_time,
    sla_report,
    submission_report,
)

CAL = WorkingCalendar.for_indonesia([2026])
DEADLINES = month_deadlines(Period(2026, 7), CAL)


def wib(*args: int) -> datetime:
    return datetime(*args, tzinfo=JAKARTA)


def one(step: int, started: datetime | None, ended: datetime | None) -> SlaRow:
    [row] = sla_report([StepTiming(step, started, ended)], CAL, DEADLINES)
    return row


def test_the_sop_has_eight_steps_with_their_actors_and_standards() -> None:
    assert [s.number for s in SOP_STEPS] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert [s.actor for s in SOP_STEPS] == ["PJ", "PP", "KS", "PP", "PP", "SK", "KD", "PP"]
    assert [s.standard_text for s in SOP_STEPS] == [
        "paling lambat tanggal 5",
        "1 hari kerja", "15 menit kerja", "1 hari kerja", "1 hari kerja",
        "15 menit kerja", "15 menit kerja", "15 menit kerja",
    ]
    assert len({s.code for s in SOP_STEPS}) == 8


def test_one_working_day_is_one_full_day_of_office_hours() -> None:
    assert SOP_STEPS[1].allowed_working_time(CAL) == timedelta(hours=8, minutes=30)
    assert SOP_STEPS[2].allowed_working_time(CAL) == timedelta(minutes=15)
    assert SOP_STEPS[0].allowed_working_time(CAL) is None


def test_step_one_ended_on_the_closing_day_evening_is_met() -> None:
    row = one(1, None, wib(2026, 8, 5, 20, 0))
    assert (row.met, row.status, row.standard) == (True, "memenuhi", "paling lambat tanggal 5")
    assert row.working_time is None


def test_step_one_ended_after_the_closing_day_is_exceeded() -> None:
    row = one(1, wib(2026, 8, 1, 8, 0), wib(2026, 8, 6, 8, 0))
    assert (row.met, row.status) == (False, "melebihi")


def test_one_day_step_from_friday_to_tuesday_across_independence_day_is_met() -> None:
    # Fri 10:00-16:00 (6 h) + Tue 07:30-10:00 (2 h 30) = exactly one working day.
    row = one(2, wib(2026, 8, 14, 10, 0), wib(2026, 8, 18, 10, 0))
    assert row.working_time == timedelta(hours=8, minutes=30)
    assert (row.met, row.status) == (True, "memenuhi")


def test_one_day_step_a_minute_over_one_working_day_is_exceeded() -> None:
    row = one(2, wib(2026, 8, 14, 10, 0), wib(2026, 8, 18, 10, 1))
    assert (row.met, row.status) == (False, "melebihi")


def test_fifteen_minute_step_across_a_night_is_met() -> None:
    row = one(3, wib(2026, 8, 18, 15, 55), wib(2026, 8, 19, 7, 40))
    assert row.working_time == timedelta(minutes=15)
    assert row.status == "memenuhi"


def test_fifteen_minute_step_that_took_three_working_hours_is_exceeded() -> None:
    row = one(6, wib(2026, 8, 19, 9, 0), wib(2026, 8, 19, 12, 0))
    assert (row.met, row.status) == (False, "melebihi")
    assert format_working_time(row.working_time) == "3 jam"


def test_started_but_unfinished_step_has_no_verdict() -> None:
    row = one(7, wib(2026, 8, 19, 9, 0), None)
    assert (row.met, row.status, row.working_time) == (None, "belum selesai", None)


def test_step_not_started_is_reported_as_such() -> None:
    assert one(8, None, None).status == "belum mulai"


def test_duration_step_with_an_end_but_no_start_is_unknown() -> None:
    row = one(5, None, wib(2026, 8, 19, 9, 0))
    assert (row.met, row.status) == (None, "tidak diketahui")


def test_times_are_reported_in_jakarta_time() -> None:
    row = one(3, datetime(2026, 8, 19, 2, 0, tzinfo=UTC), datetime(2026, 8, 19, 2, 10, tzinfo=UTC))
    assert row.started == wib(2026, 8, 19, 9, 0)
    assert row.started is not None and row.started.tzinfo == JAKARTA


def test_rows_keep_the_order_given_so_repeated_rounds_read_as_they_ran() -> None:
    timings = [
        StepTiming(3, wib(2026, 8, 6, 9, 0), wib(2026, 8, 6, 9, 10)),
        StepTiming(4, wib(2026, 8, 6, 9, 10), wib(2026, 8, 7, 9, 0)),
        StepTiming(3, wib(2026, 8, 7, 9, 0), wib(2026, 8, 7, 9, 5)),
    ]
    assert [r.step.number for r in sla_report(timings, CAL, DEADLINES)] == [3, 4, 3]


def test_an_unknown_step_number_is_refused() -> None:
    with pytest.raises(ValueError, match="langkah SOP 9 tidak ada"):
        sla_report([StepTiming(9, None, None)], CAL, DEADLINES)


def test_a_naive_timestamp_is_refused() -> None:
    with pytest.raises(ValueError, match="zona waktu"):
        sla_report([StepTiming(2, datetime(2026, 8, 6, 9), None)], CAL, DEADLINES)


def test_working_time_text_rounds_up_so_it_agrees_with_the_status() -> None:
    assert format_working_time(timedelta(hours=8, minutes=30)) == "8 jam 30 menit"
    assert format_working_time(timedelta(minutes=15)) == "15 menit"
    assert format_working_time(timedelta(minutes=15, seconds=20)) == "16 menit"
    assert format_working_time(timedelta()) == "0 menit"
    assert format_working_time(None) == "-"


def test_sla_table_has_indonesian_headers_and_one_line_per_step() -> None:
    rows = sla_report(
        [
            StepTiming(1, None, wib(2026, 8, 5, 14, 0)),
            StepTiming(2, wib(2026, 8, 14, 10, 0), wib(2026, 8, 18, 10, 0)),
            StepTiming(3, wib(2026, 8, 18, 13, 0), wib(2026, 8, 18, 16, 0)),
            StepTiming(5, wib(2026, 8, 19, 8, 0), None),
        ],
        CAL,
        DEADLINES,
    )
    assert format_sla_table(rows).splitlines() == [
        "Langkah                                        Pelaksana  Mulai             "
        "Selesai           Waktu kerja     Standar                  Status",
        "---------------------------------------------  ---------  ----------------  "
        "----------------  --------------  -----------------------  -------------",
        "1. Pengumpulan data realisasi capaian kinerja  PJ         -                 "
        "2026-08-05 14:00  -               paling lambat tanggal 5  memenuhi",
        "2. Rekapitulasi dan sinkronisasi data          PP         2026-08-14 10:00  "
        "2026-08-18 10:00  8 jam 30 menit  1 hari kerja             memenuhi",
        "3. Analisis, monitoring dan evaluasi           KS         2026-08-18 13:00  "
        "2026-08-18 16:00  3 jam           15 menit kerja           melebihi",
        "5. Penyusunan rekapitulasi bulanan             PP         2026-08-19 08:00  "
        "-                 -               1 hari kerja             belum selesai",
    ]


def test_officials_are_on_time_late_by_working_days_or_not_submitted() -> None:
    rows = submission_report(
        {
            "Budi": wib(2026, 8, 3, 23, 30),  # late evening on the (moved) deadline day
            "Sari": wib(2026, 7, 31, 9, 0),
            "Andi": wib(2026, 8, 4, 8, 0),
            "Rina": datetime(2026, 8, 3, 17, 30, tzinfo=UTC),  # 00:30 WIB on 4 Aug
            "Dewi": wib(2026, 8, 8, 10, 0),  # Saturday: handled Monday 10 Aug
            "Joko": None,
        },
        DEADLINES,
        CAL,
    )
    assert [(r.official, r.late_working_days, r.on_time, r.status) for r in rows] == [
        ("Budi", 0, True, "tepat waktu"),
        ("Sari", 0, True, "tepat waktu"),
        ("Andi", 1, False, "terlambat 1 hari kerja"),
        ("Rina", 1, False, "terlambat 1 hari kerja"),
        ("Dewi", 5, False, "terlambat 5 hari kerja"),
        ("Joko", None, None, "belum mengumpulkan"),
    ]


def test_lateness_skips_independence_day() -> None:
    deadlines = month_deadlines(Period(2026, 7), CAL)
    [row] = submission_report({"Budi": wib(2026, 8, 18, 9, 0)}, deadlines, CAL)
    # 4,5,6,7 | 10,11,12,13,14 | 18 Aug (17 is a holiday) = 10 working days after 3 Aug.
    assert row.status == "terlambat 10 hari kerja"


def test_submission_table_lists_each_official() -> None:
    rows = submission_report({"Budi": wib(2026, 8, 4, 8, 0), "Joko": None}, DEADLINES, CAL)
    assert format_submission_table(rows).splitlines() == [
        "Pejabat  Dikumpulkan       Status",
        "-------  ----------------  ----------------------",
        "Budi     2026-08-04 08:00  terlambat 1 hari kerja",
        "Joko     -                 belum mengumpulkan",
    ]


def test_an_end_recorded_before_its_start_is_shown_as_unknown_not_a_crash() -> None:
    calendar = WorkingCalendar.for_indonesia([2026])
    deadlines = month_deadlines(Period(2026, 10), calendar)
    start = datetime(2026, 11, 5, 10, 0, tzinfo=JAKARTA)
    (row,) = sla_report([StepTiming(3, start, start - timedelta(hours=1))], calendar, deadlines)
    assert row.working_time is None and row.met is None and row.status == "tidak diketahui"

"""Working-day calendar, checked against the real `holidays.Indonesia` data.

August 2026: Fri 14, Sat 15, Sun 16, Mon 17 = Independence Day, Tue 18 is the next working day.
"""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from service.domain.calendar import JAKARTA, WorkingCalendar

CAL = WorkingCalendar.for_indonesia([2025, 2026, 2027])


def wib(*args: int) -> datetime:
    return datetime(*args, tzinfo=JAKARTA)


def test_independence_day_is_a_day_off_named_in_indonesian() -> None:
    assert not CAL.is_working_day(date(2026, 8, 17))
    assert CAL.day_off_reason(date(2026, 8, 17)) == "Hari Kemerdekaan Republik Indonesia"


def test_saturday_and_sunday_are_days_off_named_sabtu_and_minggu() -> None:
    assert CAL.day_off_reason(date(2026, 8, 15)) == "Sabtu"
    assert CAL.day_off_reason(date(2026, 8, 16)) == "Minggu"


def test_an_ordinary_weekday_is_a_working_day_with_no_reason() -> None:
    assert CAL.is_working_day(date(2026, 8, 18))
    assert CAL.day_off_reason(date(2026, 8, 18)) is None


def test_joint_leave_from_the_government_category_is_a_day_off() -> None:
    # Monday 18 Aug 2025 was cuti bersama after Independence Day fell on a Sunday.
    assert CAL.day_off_reason(date(2025, 8, 18)) == (
        "Cuti Bersama Hari Kemerdekaan Republik Indonesia"
    )


def test_a_holiday_on_a_saturday_is_reported_by_its_name() -> None:
    assert CAL.day_off_reason(date(2026, 3, 21)) == "Hari Raya Idul Fitri"


def test_office_extra_days_off_from_config_are_days_off() -> None:
    cal = WorkingCalendar.for_indonesia([2026], {date(2026, 8, 18): "Cuti kantor"})
    assert cal.day_off_reason(date(2026, 8, 18)) == "Cuti kantor"
    assert cal.next_working_day(date(2026, 8, 15)) == date(2026, 8, 19)


def test_years_not_requested_up_front_are_still_known() -> None:
    cal = WorkingCalendar.for_indonesia([2026])
    assert cal.day_off_reason(date(2027, 1, 5)) == "Isra Mikraj Nabi Muhammad"


def test_a_plain_mapping_of_holidays_works_without_the_holidays_package() -> None:
    cal = WorkingCalendar({date(2026, 8, 17): "Libur"})
    assert cal.day_off_reason(date(2026, 8, 17)) == "Libur"
    assert cal.is_working_day(date(2026, 8, 18))


def test_a_custom_weekend_is_respected() -> None:
    cal = WorkingCalendar({}, weekend=(6,))
    assert cal.is_working_day(date(2026, 8, 15))
    assert cal.day_off_reason(date(2026, 8, 16)) == "Minggu"


def test_next_working_day_is_the_day_itself_when_it_is_working() -> None:
    assert CAL.next_working_day(date(2026, 8, 14)) == date(2026, 8, 14)


def test_next_working_day_skips_a_weekend_and_a_holiday() -> None:
    assert CAL.next_working_day(date(2026, 8, 15)) == date(2026, 8, 18)


def test_previous_working_day_skips_a_holiday_and_a_weekend() -> None:
    assert CAL.previous_working_day(date(2026, 8, 17)) == date(2026, 8, 14)
    assert CAL.previous_working_day(date(2026, 8, 18)) == date(2026, 8, 18)


def test_one_working_day_after_friday_is_tuesday_when_monday_is_a_holiday() -> None:
    assert CAL.add_working_days(date(2026, 8, 14), 1) == date(2026, 8, 18)
    assert CAL.add_working_days(date(2026, 8, 14), 3) == date(2026, 8, 20)


def test_adding_working_days_from_a_day_off_starts_counting_after_it() -> None:
    assert CAL.add_working_days(date(2026, 8, 15), 1) == date(2026, 8, 18)


def test_adding_zero_working_days_keeps_the_day_and_negative_goes_back() -> None:
    assert CAL.add_working_days(date(2026, 8, 15), 0) == date(2026, 8, 15)
    assert CAL.add_working_days(date(2026, 8, 18), -1) == date(2026, 8, 14)


def test_working_days_between_counts_after_a_up_to_and_including_b() -> None:
    assert CAL.working_days_between(date(2026, 8, 14), date(2026, 8, 18)) == 1
    assert CAL.working_days_between(date(2026, 8, 14), date(2026, 8, 14)) == 0
    assert CAL.working_days_between(date(2026, 8, 18), date(2026, 8, 14)) == -1


def test_working_days_between_inverts_add_working_days() -> None:
    start = date(2026, 8, 13)
    for n in range(0, 12):
        assert CAL.working_days_between(start, CAL.add_working_days(start, n)) == n


def test_workday_length_is_office_hours() -> None:
    assert CAL.workday_length == timedelta(hours=8, minutes=30)


def test_working_time_within_one_working_day() -> None:
    assert CAL.working_time_between(wib(2026, 8, 18, 9, 0), wib(2026, 8, 18, 9, 15)) == (
        timedelta(minutes=15)
    )


def test_working_time_outside_office_hours_is_not_counted() -> None:
    assert CAL.working_time_between(wib(2026, 8, 18, 6, 0), wib(2026, 8, 18, 20, 0)) == (
        timedelta(hours=8, minutes=30)
    )
    assert CAL.working_time_between(wib(2026, 8, 18, 17, 0), wib(2026, 8, 18, 22, 0)) == (
        timedelta()
    )


def test_working_time_across_a_night_counts_only_office_hours() -> None:
    assert CAL.working_time_between(wib(2026, 8, 18, 15, 55), wib(2026, 8, 19, 7, 40)) == (
        timedelta(minutes=15)
    )


def test_working_time_across_a_weekend_and_independence_day() -> None:
    # Fri 15:00-16:00, then nothing Sat/Sun/Mon (17 Aug), then Tue 07:30-08:30.
    assert CAL.working_time_between(wib(2026, 8, 14, 15, 0), wib(2026, 8, 18, 8, 30)) == (
        timedelta(hours=2)
    )


def test_working_time_on_a_holiday_is_zero() -> None:
    assert CAL.working_time_between(wib(2026, 8, 17, 8, 0), wib(2026, 8, 17, 15, 0)) == (
        timedelta()
    )


def test_working_time_reads_other_timezones_as_jakarta_time() -> None:
    # 02:00-03:00 UTC is 09:00-10:00 WIB.
    start = datetime(2026, 8, 18, 2, 0, tzinfo=UTC)
    end = datetime(2026, 8, 18, 3, 0, tzinfo=UTC)
    assert CAL.working_time_between(start, end) == timedelta(hours=1)


def test_working_time_respects_custom_office_hours() -> None:
    cal = WorkingCalendar({}, workday_start=time(8, 0), workday_end=time(12, 0))
    assert cal.working_time_between(wib(2026, 8, 18, 7, 0), wib(2026, 8, 18, 13, 0)) == (
        timedelta(hours=4)
    )


def test_working_time_refuses_naive_datetimes() -> None:
    with pytest.raises(ValueError, match="zona waktu"):
        CAL.working_time_between(datetime(2026, 8, 18, 9), wib(2026, 8, 18, 10))


def test_working_time_refuses_an_end_before_the_start() -> None:
    with pytest.raises(ValueError, match="sebelum mulai"):
        CAL.working_time_between(wib(2026, 8, 18, 10), wib(2026, 8, 18, 9))


def test_office_hours_that_end_before_they_start_are_refused() -> None:
    with pytest.raises(ValueError, match="jam kerja"):
        WorkingCalendar({}, workday_start=time(16, 0), workday_end=time(7, 30))

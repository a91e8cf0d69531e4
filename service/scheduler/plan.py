"""What each scheduler tick should do at a given instant: pure, so tests pin any moment.

APScheduler only decides *when* to wake up; whether a wake-up has work to do depends on the
SOP calendar and on the months' state, which changes under it (a KD tick makes a month
"disahkan", a month gets archived). Keeping that decision here, away from APScheduler and
the database, lets the tests walk a month across a weekend and a public holiday with plain
datetimes.

The SOP's month: the realization of period P is collected from the 1st of the month after P
until the closing deadline (the 5th, moved off days off), then reviewed and signed. So at any
instant the *reporting period* is the previous calendar month, and it stays open (pulled,
reminded) until its month is archived. An older month still waiting for its sign-off stays
open too, because the KD's tick on it must still be picked up and archived.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from service.domain.calendar import WorkingCalendar
from service.domain.deadlines import DeadlinePolicy, month_deadlines
from service.domain.month import OPEN_STATUSES, MonthStatus
from service.domain.period import Period
from service.jobs.registry import MONTH_JOBS

PREPARED, APPROVED, ARCHIVED = MonthStatus.PREPARED, MonthStatus.APPROVED, MonthStatus.ARCHIVED

Months = Mapping[Period, str]
"""The office's months known to the database: period -> status (month_repo's MonthRow)."""


@dataclass(frozen=True)
class Action:
    """One job run a tick should make: `job` names an entry of `MONTH_JOBS`, checked here so
    that a misspelt job fails where the plan is made, not later inside a tick."""

    job: str
    period: Period
    reason: str

    def __post_init__(self) -> None:
        if self.job not in MONTH_JOBS:
            raise ValueError(f"job {self.job!r} tidak dikenal")

    def __str__(self) -> str:
        return f"{self.job} {self.period}: {self.reason}"


def local(now: datetime, tz: ZoneInfo) -> datetime:
    """`now` in the office's timezone; naive instants are refused, as everywhere else."""
    if now.tzinfo is None:
        raise ValueError("waktu harus menyertakan zona waktu (mis. Asia/Jakarta)")
    return now.astimezone(tz)


def reporting_period(now: datetime, tz: ZoneInfo) -> Period:
    """The period whose realization is collected in the month containing `now`."""
    today = local(now, tz).date()
    return Period(today.year, today.month).previous()


def collection_window(
    period: Period, calendar: WorkingCalendar, policy: DeadlinePolicy | None = None
) -> tuple[datetime, datetime]:
    """[00:00 on the 1st of the next month, end of the closing day], in the calendar's zone."""
    opens = datetime.combine(period.next().first_day, time(0, 0), tzinfo=calendar.timezone)
    return opens, month_deadlines(period, calendar, policy).closing_due_at


def in_collection_window(
    now: datetime, period: Period, calendar: WorkingCalendar,
    policy: DeadlinePolicy | None = None,
) -> bool:
    opens, closes = collection_window(period, calendar, policy)
    return opens <= now <= closes


def open_periods(now: datetime, months: Months, tz: ZoneInfo) -> list[Period]:
    """Provisioned, not yet archived months up to the reporting period, oldest first.

    A month provisioned ahead (on the provisioning day) is not open until its collection
    starts on the 1st: nobody has anything to report for it yet.
    """
    current = reporting_period(now, tz)
    return sorted(p for p, status in months.items() if status in OPEN_STATUSES and p <= current)


def plan_reconcile(
    now: datetime, months: Months, calendar: WorkingCalendar,
    policy: DeadlinePolicy | None = None, *, window: bool,
) -> list[Action]:
    """Pulls for the frequent tick (`window=True`: open months inside their collection
    window) or the hourly tick (`window=False`: open months outside it), so each open month
    is pulled by exactly one of the two reconcile jobs at any instant."""
    actions = []
    for period in open_periods(now, months, calendar.timezone):
        inside = in_collection_window(now, period, calendar, policy)
        if inside == window:
            where = "masa pengumpulan" if inside else "di luar masa pengumpulan"
            actions.append(Action("pull", period, f"bulan terbuka, {where}"))
    return actions


def plan_archive(months: Months) -> list[Action]:
    """Archive every approved month; the archive job itself refuses an unapproved one."""
    return [
        Action("archive", p, "sudah disahkan Kepala Dinas")
        for p in sorted(months)
        if months[p] == APPROVED
    ]


def plan_tamper(months: Months) -> list[Action]:
    """Once a day, compare every month's locked cells with its sign-off hash chain; the check
    itself skips months nobody has signed yet. Archived months too: an owner can still edit."""
    return [Action("tamper-check", p, "pemeriksaan harian rantai pengesahan")
            for p in sorted(months)]


def plan_remind(now: datetime, months: Months, calendar: WorkingCalendar) -> list[Action]:
    """Reminders go out on working mornings only, for open months not yet approved.

    Which reminder (before / on / after the deadline, escalation) is the remind job's
    decision; the plan only keeps weekends and holidays free of mail.
    """
    today = local(now, calendar.timezone).date()
    if not calendar.is_working_day(today):
        return []
    return [
        Action("remind", p, "hari kerja, bulan belum disahkan")
        for p in open_periods(now, months, calendar.timezone)
        if months[p] == PREPARED
    ]


def plan_provision(now: datetime, months: Months, provision_day: int,
                   tz: ZoneInfo) -> list[Action]:
    """From `provision_day` to the end of month M, provision period M (collected from the
    1st of M+1) unless it is already past "disiapkan".

    Provisioning is idempotent, so repeating it on the following days is cheap and finishes
    a run that crashed half-way or was missed while the scheduler was down. It is a machine
    step, so it runs on days off too.
    """
    today = local(now, tz).date()
    period = Period(today.year, today.month)
    if today.day < provision_day or months.get(period, PREPARED) != PREPARED:
        return []
    return [Action("provision", period, f"tanggal {provision_day} atau sesudahnya")]

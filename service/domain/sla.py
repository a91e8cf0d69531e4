"""The SOP's eight steps with their time standards (mutu baku), and how a month measured up.

Durations are working time (see `WorkingCalendar.working_time_between`): "1 hari" is one full
working day of office hours, "15 menit" is fifteen minutes of office hours. Step 1 is not a
duration but a date: the collection must be in by the (moved) closing deadline, the 5th.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from service.domain.calendar import WorkingCalendar
from service.domain.deadlines import Deadlines

StandardKind = Literal["deadline", "working_days", "working_minutes"]


@dataclass(frozen=True)
class SopStep:
    number: int
    code: str
    activity: str
    actor: str
    standard_kind: StandardKind
    standard_amount: int

    @property
    def standard_text(self) -> str:
        if self.standard_kind == "deadline":
            return f"paling lambat tanggal {self.standard_amount}"
        if self.standard_kind == "working_days":
            return f"{self.standard_amount} hari kerja"
        return f"{self.standard_amount} menit kerja"

    def allowed_working_time(self, calendar: WorkingCalendar) -> timedelta | None:
        """The working time the step may take; None for step 1, whose standard is a date."""
        if self.standard_kind == "working_days":
            return calendar.workday_length * self.standard_amount
        if self.standard_kind == "working_minutes":
            return timedelta(minutes=self.standard_amount)
        return None


SOP_STEPS: tuple[SopStep, ...] = (
    SopStep(1, "realisasi", "Pengumpulan data realisasi capaian kinerja", "PJ", "deadline", 5),
    SopStep(2, "rekap", "Rekapitulasi dan sinkronisasi data", "PP", "working_days", 1),
    SopStep(3, "verifikasi", "Analisis, monitoring dan evaluasi", "KS", "working_minutes", 15),
    SopStep(4, "revisi", "Pengembalian data yang tidak sesuai", "PP", "working_days", 1),
    SopStep(5, "rekap_bulanan", "Penyusunan rekapitulasi bulanan", "PP", "working_days", 1),
    SopStep(6, "diperiksa", "Pemeriksaan oleh Sekretaris", "SK", "working_minutes", 15),
    SopStep(7, "disahkan", "Pengesahan oleh Kepala Dinas", "KD", "working_minutes", 15),
    SopStep(8, "diarsip", "Pengarsipan laporan bulanan", "PP", "working_minutes", 15),
)

_BY_NUMBER = {step.number: step for step in SOP_STEPS}


def sop_step(number: int) -> SopStep:
    try:
        return _BY_NUMBER[number]
    except KeyError:
        raise ValueError(f"langkah SOP {number} tidak ada: pilih 1-{len(SOP_STEPS)}") from None


@dataclass(frozen=True)
class StepTiming:
    step: int
    started: datetime | None
    ended: datetime | None


@dataclass(frozen=True)
class SlaRow:
    step: SopStep
    started: datetime | None
    ended: datetime | None
    working_time: timedelta | None
    standard: str
    met: bool | None

    @property
    def status(self) -> str:
        if self.ended is None:
            return "belum mulai" if self.started is None else "belum selesai"
        if self.met is None:
            return "tidak diketahui"
        return "memenuhi" if self.met else "melebihi"


def sla_report(
    timings: Iterable[StepTiming], calendar: WorkingCalendar, deadlines: Deadlines
) -> list[SlaRow]:
    """One row per timing, in the order given, so a repeated round (3, 4, 3) reads as it ran.

    `met` is None while a step is unfinished, and when a duration step has an end but no
    recorded start (the time taken cannot be known).
    """
    rows = []
    for timing in timings:
        step = sop_step(timing.step)
        started = _local(timing.started, calendar)
        ended = _local(timing.ended, calendar)
        taken = (
            calendar.working_time_between(started, ended)
            if started is not None and ended is not None and ended >= started
            else None  # unknown, or recorded out of order: shown as unknown, never a crash
        )
        rows.append(
            SlaRow(
                step,
                started,
                ended,
                taken,
                step.standard_text,
                _met(step, ended, taken, calendar, deadlines),
            )
        )
    return rows


def _met(
    step: SopStep,
    ended: datetime | None,
    taken: timedelta | None,
    calendar: WorkingCalendar,
    deadlines: Deadlines,
) -> bool | None:
    if ended is None:
        return None
    if step.standard_kind == "deadline":
        return ended.date() <= deadlines.closing
    allowed = step.allowed_working_time(calendar)
    if taken is None or allowed is None:
        return None
    return taken <= allowed


@dataclass(frozen=True)
class OfficialSubmissionRow:
    official: str
    submitted_at: datetime | None
    late_working_days: int | None

    @property
    def on_time(self) -> bool | None:
        return None if self.late_working_days is None else self.late_working_days == 0

    @property
    def status(self) -> str:
        if self.late_working_days is None:
            return "belum mengumpulkan"
        if self.late_working_days == 0:
            return "tepat waktu"
        return f"terlambat {self.late_working_days} hari kerja"


def submission_report(
    submitted_at_by_official: Mapping[str, datetime | None],
    deadlines: Deadlines,
    calendar: WorkingCalendar,
) -> list[OfficialSubmissionRow]:
    """Step 1 per official, against the submission deadline (the 2nd, moved by the policy).

    Lateness counts working days: a submission on the Saturday after a Friday deadline is
    1 working day late, the same as one on Monday morning (nobody handles it before then).
    """
    rows = []
    for official, submitted_at in submitted_at_by_official.items():
        local = _local(submitted_at, calendar)
        late = None
        if local is not None:
            late = 0
            if local.date() > deadlines.submission:
                handled_on = calendar.next_working_day(local.date())
                late = calendar.working_days_between(deadlines.submission, handled_on)
        rows.append(OfficialSubmissionRow(official, local, late))
    return rows


SLA_HEADER = ("Langkah", "Pelaksana", "Mulai", "Selesai", "Waktu kerja", "Standar", "Status")


def sla_cells(rows: Sequence[SlaRow]) -> list[tuple[str, ...]]:
    """The SLA rows as text cells, shared by the CLI table, the web page and the master tab."""
    return [
        (
            f"{row.step.number}. {row.step.activity}",
            row.step.actor,
            _moment(row.started),
            _moment(row.ended),
            format_working_time(row.working_time),
            row.standard,
            row.status,
        )
        for row in rows
    ]


def format_sla_table(rows: Sequence[SlaRow]) -> str:
    """Plain-text table for `kinerja sla PERIOD` and the demo summary."""
    return _table(SLA_HEADER, sla_cells(rows))


def format_submission_table(rows: Sequence[OfficialSubmissionRow]) -> str:
    """Plain-text table of step 1 per official."""
    body = [(row.official, _moment(row.submitted_at), row.status) for row in rows]
    return _table(("Pejabat", "Dikumpulkan", "Status"), body)


def format_working_time(taken: timedelta | None) -> str:
    """'8 jam 30 menit', '15 menit', '3 jam'; '-' when unknown.

    Rounded *up* to the minute so the text never contradicts the status: 15 min 20 s shows as
    '16 menit' next to "melebihi", not as '15 menit'.
    """
    if taken is None:
        return "-"
    minutes = math.ceil(taken.total_seconds() / 60)
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return f"{hours} jam {minutes} menit"
    if hours:
        return f"{hours} jam"
    return f"{minutes} menit"


def _local(moment: datetime | None, calendar: WorkingCalendar) -> datetime | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        raise ValueError("waktu harus menyertakan zona waktu (mis. Asia/Jakarta)")
    return moment.astimezone(calendar.timezone)


def _moment(moment: datetime | None) -> str:
    return "-" if moment is None else moment.strftime("%Y-%m-%d %H:%M")


def _table(header: Sequence[str], body: Sequence[Sequence[str]]) -> str:
    widths = [max(len(cell) for cell in column) for column in zip(header, *body, strict=True)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))

    rule = ["-" * width for width in widths]
    return "\n".join(line(cells).rstrip() for cells in (header, rule, *body))

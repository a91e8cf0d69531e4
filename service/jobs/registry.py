"""The month jobs, each named once: `kinerja NAME PERIOD` and the scheduler both read this.

A month job is a function `(JobContext, Period) -> JobResult` that is safe to rerun. The CLI
makes one command per entry (with the entry's help text) and the scheduler's plan may only
name jobs that are keys here, so adding a job is one entry below (and its scheduler tick,
if it should run on its own).

The job modules are imported when a job runs, not when this table is read: `kinerja --help`
builds every command from it, and importing the reconcile job alone pulls in pandas (about
half a second on top of the whole help).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from service.context import JobContext, JobResult
    from service.domain.period import Period


@dataclass(frozen=True)
class MonthJob:
    """A job plus the help text of its command; calling it runs the job."""

    run: Callable[[JobContext, Period], JobResult]
    help: str

    def __call__(self, ctx: JobContext, period: Period) -> JobResult:
        return self.run(ctx, period)


def _provision(ctx: JobContext, period: Period) -> JobResult:
    from service.jobs.provision import provision

    return provision(ctx, period)


def _pull(ctx: JobContext, period: Period) -> JobResult:
    from service.jobs.reconcile import pull_and_reconcile

    return pull_and_reconcile(ctx, period)


def _remind(ctx: JobContext, period: Period) -> JobResult:
    from service.jobs.remind import remind

    return remind(ctx, period)


def _archive(ctx: JobContext, period: Period) -> JobResult:
    from service.jobs.archive import archive

    return archive(ctx, period)


def _tamper_check(ctx: JobContext, period: Period) -> JobResult:
    from service.jobs.tamper import check_tamper

    return check_tamper(ctx, period)


MONTH_JOBS: dict[str, MonthJob] = {
    "provision": MonthJob(
        _provision,
        "Siapkan bulan PERIOD: satu lembar kerja per pejabat (indikator, target terkunci, "
        "kolom realisasi terbuka) dan satu rekap induk dengan panel pengesahan. Aman "
        "dijalankan ulang: yang sudah ada tidak dibuat lagi.",
    ),
    "pull": MonthJob(
        _pull,
        "Tarik lembar yang berubah, validasi setiap baris, beri catatan pada sel yang "
        "bermasalah (dan hapus yang sudah beres), proses reviu Kasubag dan centang "
        "pengesahan, lalu sinkronkan rekap induk. Aman dijalankan ulang.",
    ),
    "remind": MonthJob(
        _remind,
        "Kirim pengingat hari ini kepada pejabat yang belum mengirim (sehari sebelum batas, "
        "pada hari batas, dan setiap hari kerja sesudahnya) dan eskalasi ke PP/Kasubag. "
        "Tidak pernah mengirim pengingat yang sama dua kali.",
    ),
    "archive": MonthJob(
        _archive,
        "Setelah Kepala Dinas mengesahkan: kunci semua lembar, ekspor PDF rekap induk dan "
        "lembar pejabat, hitung SHA-256, dan tulis manifest arsip.",
    ),
    "tamper-check": MonthJob(
        _tamper_check,
        "Bandingkan sel yang sudah dikunci dengan rantai hash pengesahan dan laporkan setiap "
        "perubahan sesudah penguncian (sel, nilai lama/baru, siapa).",
    ),
}

"""The read-only HTML pages: the latest month, one month, one official's cell history.

Every page only reads what the jobs recorded (`service.reports.month`), so it can never
disagree with the CLI or the demo summary. Everything from people (names, units, findings)
goes through Jinja's autoescaping; sheet links become anchors only when they are http(s)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, redirect, render_template, url_for
from werkzeug.exceptions import NotFound

from service.domain.month import MonthStatus
from service.reports.sla import month_sla
from service.store import month_repo, roster_repo
from service.web.current import job_context
from service.web.overview import load_month, reminder_rows, signoff_chain

bp = Blueprint("pages", __name__)

# Month statuses as a reader understands them (the stored values are terse).
STATUS_TEXT: dict[str, str] = {
    MonthStatus.PREPARED: "disiapkan — lembar kerja sudah dibagikan, pengisian berjalan",
    MonthStatus.APPROVED: "disahkan — menunggu pengarsipan",
    MonthStatus.ARCHIVED: "diarsip — laporan bulan ini sudah disahkan dan diarsipkan",
}
# `report` shortens the outbox kind to its first word ("hari-h" -> "hari").
REMINDER_KIND = {
    "sebelum": "pengingat sehari kerja sebelum batas",
    "hari": "pengingat pada hari batas",
    "terlambat": "pengingat keterlambatan",
    "eskalasi": "eskalasi ke Penyusun Program dan Kasubag",
    "kembali": "pemberitahuan data dikembalikan",
    "tunggu": "pengingat pengesahan yang melewati standar waktu",
}
OUTBOX_STATE = {"sent": "terkirim", "pending": "menunggu",
                "sending": "perlu diperiksa (mungkin sudah terkirim)", "failed": "gagal"}
HISTORY_COLUMNS = {"realization": "Realisasi", "evidence": "Bukti dukung",
                   "obstacles": "Kendala", "follow_up": "Tindak lanjut"}


@bp.get("/")
def index() -> Any:
    ctx = job_context()
    with ctx.db.session() as session:
        latest = month_repo.latest_period(session, ctx.office)
    if latest is None:
        return render_template("kosong.html"), 200
    return redirect(url_for(".period_page", period=latest))


@bp.get("/periode/<period>")
def period_page(period: str) -> str:
    parsed, status = load_month(period)
    return render_template(
        "periode.html", period=parsed, status=status,
        status_text=STATUS_TEXT.get(status.status, status.status),
        chain=signoff_chain(status), reminders=reminder_rows(status), outbox_state=OUTBOX_STATE,
        reminder_kind=REMINDER_KIND, sla=month_sla(job_context(), parsed), http_link=_is_http)


@bp.get("/riwayat/<nip>")
def history_page(nip: str) -> str:
    """Cell history of one official: every value the service read, old and new."""
    ctx = job_context()
    with ctx.db.session() as session:
        rows = month_repo.history(session, ctx.office, nip)
        name = next((o.name for o in roster_repo.load_roster(session, ctx.office).officials
                     if o.nip == nip), None)
    if name is None:
        abort(404, description=f"Tidak ada pegawai dengan NIP {nip}.")
    return render_template("riwayat.html", nip=nip, name=name, rows=rows,
                           columns=HISTORY_COLUMNS)


@bp.app_errorhandler(404)
def not_found(error: NotFound) -> tuple[str, int]:
    # Werkzeug's own description is English; only our messages are shown as they are.
    own = error.description if error.description != NotFound.description else None
    return render_template("404.html", message=own), 404


def _is_http(link: str) -> bool:
    return link.startswith(("https://", "http://"))

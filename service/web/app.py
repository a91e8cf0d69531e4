"""The web pages of a month: who sent what, the sign-offs, the SOP time standards, the
history of each official's cells, and (local mode) the personal sign-off page.

Every page only reads what the jobs recorded (`service.report`), so it can never disagree
with the CLI or the demo summary. The one form, the sign-off button, is reached only through
a signed, expiring personal link, which is the approver's credential; there is no login.
Everything from people (names, units, findings) goes through Jinja's autoescaping; sheet
links become anchors only when they are http(s).
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from flask import (
    Flask,
    Response,
    abort,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from sqlalchemy import select, text
from werkzeug.exceptions import NotFound

from service.domain.period import Period
from service.domain.signoff import SIGNOFF_LABELS
from service.domain.sla import SlaRow, format_working_time
from service.jobs.context import JobContext
from service.jobs.signoff_link import sign_with_link
from service.notify.messages import ROLES, waktu
from service.report import MonthStatus, month_sla, month_status
from service.signoff_links import LinkError, read_token, secret_key
from service.store import month_repo, roster_repo
from service.store.models import MonthRow

# Month statuses as a reader understands them (the stored values are terse).
STATUS_TEXT = {
    "disiapkan": "disiapkan — lembar kerja sudah dibagikan, pengisian berjalan",
    "disahkan": "disahkan — menunggu pengarsipan",
    "diarsip": "diarsip — laporan bulan ini sudah disahkan dan diarsipkan",
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


def create_app(ctx: JobContext) -> Flask:
    """Build the app around one `JobContext`, the same parts the jobs use."""
    app = Flask(__name__)
    app.json.sort_keys = False  # type: ignore[attr-defined]  # keep the documented order
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    zone = ctx.calendar.timezone

    @app.context_processor
    def _office() -> dict[str, str]:
        return {"office": ctx.settings.office_name}

    @app.template_filter("waktu")
    def _waktu(moment: datetime | None) -> str:
        return "-" if moment is None else waktu(moment.astimezone(zone))

    @app.template_filter("iso")
    def _iso_filter(moment: datetime) -> str:
        return moment.astimezone(zone).isoformat()

    @app.template_filter("durasi")
    def _durasi(taken: Any) -> str:
        return format_working_time(taken)

    @app.after_request
    def _headers(response: Response) -> Response:
        # Defence in depth next to autoescaping: no script runs on these pages at all.
        response.headers["Content-Security-Policy"] = (
            "default-src 'none'; style-src 'self'; img-src 'self'")
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    @app.get("/health")
    def health() -> tuple[Response, int]:
        """For a load balancer or systemd watchdog: the database must really answer."""
        try:
            with ctx.db.engine.connect() as connection:
                connection.execute(text("SELECT 1")).scalar_one()
        except Exception as error:  # any failure at all means "not healthy"
            # First line only: SQLAlchemy appends the statement and a help link.
            reason = (str(error).splitlines() or [type(error).__name__])[0][:300]
            return jsonify(status="error", database=f"error: {reason}",
                           backend=ctx.backend.name), 503
        return jsonify(status="ok", database="ok", backend=ctx.backend.name), 200

    @app.get("/")
    def index() -> Any:
        latest = _latest_period(ctx)
        if latest is None:
            return render_template("kosong.html"), 200
        return redirect(url_for("period_page", period=latest))

    @app.get("/periode/<period>")
    def period_page(period: str) -> str:
        parsed, status = _load(ctx, period)
        return render_template(
            "periode.html", period=parsed, status=status,
            status_text=STATUS_TEXT.get(status.status, status.status),
            chain=_chain(status), reminders=_reminders(status), outbox_state=OUTBOX_STATE,
            reminder_kind=REMINDER_KIND, sla=month_sla(ctx, parsed), http_link=_is_http)

    @app.get("/api/periode/<period>")
    def period_api(period: str) -> Response:
        parsed, status = _load(ctx, period)
        return jsonify(_as_json(status, month_sla(ctx, parsed), zone))

    @app.route("/pengesahan/<token>", methods=["GET", "POST"])
    def signoff_page(token: str) -> tuple[str, int]:
        """Local mode: the approver's personal link. GET shows what they are about to sign;
        POST (the button) signs, with the same order and blockers as a tick."""
        try:
            grant = read_token(secret_key(ctx.settings.workspace), token)
        except LinkError as error:
            return render_template("pengesahan.html", error=str(error)), 403
        if grant.office != ctx.office:
            return render_template("pengesahan.html", error="Tautan ini untuk kantor lain."), 403
        outcome = None
        if request.method == "POST":
            outcome = sign_with_link(ctx, grant.period, grant.role, grant.nip)
        status = month_status(ctx, grant.period)
        return render_template("pengesahan.html", grant=grant, outcome=outcome,
                               status=status, label=SIGNOFF_LABELS[grant.role],
                               chain=_chain(status) if status else []), 200

    @app.get("/riwayat/<nip>")
    def history_page(nip: str) -> str:
        """Cell history of one official: every value the service read, old and new."""
        with ctx.db.session() as session:
            rows = month_repo.history(session, ctx.office, nip)
            name = next((o.name for o in roster_repo.load_roster(session, ctx.office).officials
                         if o.nip == nip), None)
        if name is None:
            abort(404, description=f"Tidak ada pegawai dengan NIP {nip}.")
        return render_template("riwayat.html", nip=nip, name=name, rows=rows,
                               columns=HISTORY_COLUMNS)

    @app.errorhandler(404)
    def not_found(error: NotFound) -> tuple[str, int]:
        # Werkzeug's own description is English; only our messages are shown as they are.
        own = error.description if error.description != NotFound.description else None
        return render_template("404.html", message=own), 404

    return app


HISTORY_COLUMNS = {"realization": "Realisasi", "evidence": "Bukti dukung",
                   "obstacles": "Kendala", "follow_up": "Tindak lanjut"}


def _latest_period(ctx: JobContext) -> str | None:
    """The newest month with a row; periods are `YYYY-MM`, so text order is time order."""
    with ctx.db.session() as session:
        return session.scalar(
            select(MonthRow.period).where(MonthRow.office == ctx.office)
            .order_by(MonthRow.period.desc()).limit(1))


def _load(ctx: JobContext, text_period: str) -> tuple[Period, MonthStatus]:
    """The period and its status, or a 404 whose message tells the reader what went wrong."""
    try:
        period = Period.parse(text_period)
    except ValueError:
        raise NotFound(f"Periode “{text_period}” tidak valid. Gunakan format YYYY-MM, "
                       "misalnya 2026-10.") from None
    status = month_status(ctx, period)
    if status is None:
        raise NotFound(f"Bulan {period.label} belum disiapkan. Jalankan "
                       f"“kinerja provision {period}” untuk menyiapkannya.")
    return period, status


def _chain(status: MonthStatus) -> list[dict[str, Any]]:
    """The four sign-offs in SOP order, signed or not, so gaps in the chain are visible."""
    return [{"role": role, "title": title, "vouches": vouches,
             "signed_at": status.signoffs.get(role)}
            for role, (title, vouches) in ROLES.items()]


def _reminders(status: MonthStatus) -> list[tuple[str, str, int]]:
    """`report` keys reminders as 'kind (state)'; split them so the page can word the state."""
    rows = []
    for key, count in sorted(status.reminders.items()):
        kind, _, state = key.partition(" (")
        state = state.rstrip(")")
        rows.append((kind, state, count))
    return rows


def _is_http(link: str) -> bool:
    return link.startswith(("https://", "http://"))


def _iso(moment: datetime | None, zone: tzinfo) -> str | None:
    return None if moment is None else moment.astimezone(zone).isoformat()


def _as_json(status: MonthStatus, sla: list[SlaRow], zone: tzinfo) -> dict[str, Any]:
    """The page's data for scripts: ISO datetimes in office time, the same fields as the page."""
    return {
        "period": str(status.period),
        "label": status.period.label,
        "status": status.status,
        "officials": [
            {"nip": o.nip, "name": o.name, "unit": o.unit, "state": o.state,
             "rows": o.rows, "filled": o.filled, "flagged": o.flagged, "returned": o.returned,
             "submitted_at": _iso(o.submitted_at, zone), "sheet": o.sheet}
            for o in status.officials
        ],
        "signoffs": [
            {"role": c["role"], "title": c["title"], "signed_at": _iso(c["signed_at"], zone)}
            for c in _chain(status)
        ],
        "findings": [{"official": who, "code": code, "message": message}
                     for who, code, message in status.findings],
        "reminders": [{"kind": kind, "state": state, "count": count}
                      for kind, state, count in _reminders(status)],
        "sla": [
            {"step": r.step.number, "activity": r.step.activity, "actor": r.step.actor,
             "started": _iso(r.started, zone), "ended": _iso(r.ended, zone),
             "working_minutes": None if r.working_time is None
             else round(r.working_time.total_seconds() / 60, 1),
             "working_time": format_working_time(r.working_time),
             "standard": r.standard, "status": r.status, "met": r.met}
            for r in sla
        ],
        "archive_dir": status.archive_dir,
    }

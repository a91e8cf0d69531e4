"""Machine-readable views: a month as JSON for scripts, and the health check.

The JSON carries the same fields as the month page (built from the same `overview`
helpers), with datetimes as ISO 8601 in office time so a script needs no zone rules."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from flask import Blueprint, Response, jsonify

from service.domain.sla import SlaRow, format_working_time
from service.reports.month import MonthOverview
from service.reports.sla import month_sla
from service.web.current import job_context
from service.web.overview import load_month, reminder_rows, signoff_chain

bp = Blueprint("api", __name__)


@bp.get("/health")
def health() -> tuple[Response, int]:
    """For a load balancer or systemd watchdog: the database must really answer."""
    ctx = job_context()
    try:
        if not ctx.db.ping():
            raise RuntimeError("SELECT 1 gave a wrong answer")
    except Exception as error:  # any failure at all means "not healthy"
        # First line only: SQLAlchemy appends the statement and a help link.
        reason = (str(error).splitlines() or [type(error).__name__])[0][:300]
        return jsonify(status="error", database=f"error: {reason}",
                       backend=ctx.backend.name), 503
    return jsonify(status="ok", database="ok", backend=ctx.backend.name), 200


@bp.get("/api/periode/<period>")
def period_api(period: str) -> Response:
    parsed, status = load_month(period)
    ctx = job_context()
    return jsonify(month_json(status, month_sla(ctx, parsed), ctx.calendar.timezone))


def _iso(moment: datetime | None, zone: tzinfo) -> str | None:
    return None if moment is None else moment.astimezone(zone).isoformat()


def month_json(status: MonthOverview, sla: list[SlaRow], zone: tzinfo) -> dict[str, Any]:
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
            for c in signoff_chain(status)
        ],
        "findings": [{"official": who, "code": code, "message": message}
                     for who, code, message in status.findings],
        "reminders": [{"kind": kind, "state": state, "count": count}
                      for kind, state, count in reminder_rows(status)],
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

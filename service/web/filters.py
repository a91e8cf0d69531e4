"""Jinja filters and globals: dates in office time and SOP durations, as the CLI words them.

The zone is looked up per render (not captured at startup) because filters are module
functions; it is the office calendar's zone either way."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Flask

from service.domain.sla import format_working_time
from service.domain.words import waktu as waktu_text
from service.web.current import job_context


def waktu(moment: datetime | None) -> str:
    return "-" if moment is None else waktu_text(moment.astimezone(job_context().calendar.timezone))


def iso(moment: datetime) -> str:
    return moment.astimezone(job_context().calendar.timezone).isoformat()


def durasi(taken: Any) -> str:
    return format_working_time(taken)


def office() -> dict[str, str]:
    """Every page's header and title name the office."""
    return {"office": job_context().settings.office_name}


def register(app: Flask) -> None:
    app.add_template_filter(waktu, "waktu")
    app.add_template_filter(iso, "iso")
    app.add_template_filter(durasi, "durasi")
    app.context_processor(office)

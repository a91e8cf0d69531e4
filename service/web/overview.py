"""A month as the pages, the JSON API and the sign-off page all show it.

Shared so the HTML and the JSON cannot drift apart: the same 404 wording for a bad or
unprepared period, the same sign-off chain, the same reminder rows."""

from __future__ import annotations

from typing import Any

from werkzeug.exceptions import NotFound

from service.domain.period import Period
from service.domain.words import ROLE_TITLES
from service.reports.month import MonthOverview, month_status
from service.web.current import job_context


def load_month(text_period: str) -> tuple[Period, MonthOverview]:
    """The period and its status, or a 404 whose message tells the reader what went wrong."""
    try:
        period = Period.parse(text_period)
    except ValueError:
        raise NotFound(f"Periode “{text_period}” tidak valid. Gunakan format YYYY-MM, "
                       "misalnya 2026-10.") from None
    status = month_status(job_context(), period)
    if status is None:
        raise NotFound(f"Bulan {period.label} belum disiapkan. Jalankan "
                       f"“kinerja provision {period}” untuk menyiapkannya.")
    return period, status


def signoff_chain(status: MonthOverview) -> list[dict[str, Any]]:
    """The four sign-offs in SOP order, signed or not, so gaps in the chain are visible."""
    return [{"role": role, "title": title, "vouches": vouches,
             "signed_at": status.signoffs.get(role)}
            for role, (title, vouches) in ROLE_TITLES.items()]


def reminder_rows(status: MonthOverview) -> list[tuple[str, str, int]]:
    """`report` keys reminders as 'kind (state)'; split them so the page can word the state."""
    rows = []
    for key, count in sorted(status.reminders.items()):
        kind, _, state = key.partition(" (")
        state = state.rstrip(")")
        rows.append((kind, state, count))
    return rows

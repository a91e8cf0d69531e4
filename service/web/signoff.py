"""Local mode: the approver's personal sign-off page, the only form in the web.

A workbook tick cannot prove who ticked, so the signed, expiring link (see
`service.jobs.parts.signoff_tokens`) is the approver's credential; there is no login. The button
signs with the same order and blockers as a tick."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from service.domain.signoff import SIGNOFF_LABELS
from service.jobs.parts.signoff_tokens import SIGNOFF_PATH, LinkError, read_token, secret_key
from service.jobs.signoff_link import sign_with_link
from service.reports.month import month_status
from service.web.current import job_context
from service.web.overview import signoff_chain

bp = Blueprint("signoff", __name__)


@bp.route(f"{SIGNOFF_PATH}<token>", methods=["GET", "POST"])
def signoff_page(token: str) -> tuple[str, int]:
    """GET shows what they are about to sign; POST (the button) signs."""
    ctx = job_context()
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
                           chain=signoff_chain(status) if status else []), 200

"""Send a message at most once, whatever crashes or reruns happen around it."""

from __future__ import annotations

from service.jobs.context import JobContext
from service.notify.mailer import (
    MailPermanentError,
    MailTemporaryError,
    MailUncertainError,
    OutgoingMail,
)
from service.store import month_repo as months
from service.store import outbox_repo as outbox


def message_id(ctx: JobContext, period: str, nip: str, kind: str, day: str) -> str:
    """Deterministic, so a resend of the same reminder is recognisable as the same message."""
    return f"<{kind}.{period}.{nip}.{day}.{ctx.office}@{ctx.settings.mail_domain}>"


def send_once(ctx: JobContext, period: str, nip: str, kind: str, day: str,
              mail: OutgoingMail) -> str:
    """Returns "sent", "skipped" (already handled), "retry" or "failed"."""
    now = ctx.clock.now()
    with ctx.db.session() as session:
        row = outbox.enqueue(session, ctx.office, period, nip, kind, day, mail.message_id,
                             ", ".join(mail.recipients), mail.subject, now)
        if row is None:
            return "skipped"
        row_id = row.id
    with ctx.db.session() as session:
        if not outbox.claim(session, row_id):
            return "skipped"
    return deliver(ctx, row_id, mail, period)


def deliver(ctx: JobContext, row_id: int, mail: OutgoingMail, period: str) -> str:
    """Talk to the mail server for a claimed row and record the outcome."""
    try:
        ctx.mailer.send(mail)
    except MailTemporaryError as error:
        state, outcome, detail = "pending", "retry", str(error)
    except MailUncertainError as error:
        state, outcome, detail = "sending", "failed", str(error)
    except MailPermanentError as error:
        state, outcome, detail = "failed", "failed", str(error)
    else:
        state, outcome, detail = "sent", "sent", None
    with ctx.db.session() as session:
        outbox.finish(session, row_id, state, ctx.clock.now(), detail)
        months.audit(session, ctx.office, period, ctx.clock.now(), "layanan",
                     f"email_{outcome}", ", ".join(mail.recipients), mail.subject)
    return outcome

"""Send a message at most once, whatever crashes or reruns happen around it."""

from __future__ import annotations

from service.context import JobContext
from service.notify.mailer import (
    MailPartialDeliveryError,
    MailPermanentError,
    MailTemporaryError,
    MailUncertainError,
    OutgoingMail,
)
from service.store import month_repo as months
from service.store import outbox_repo as outbox
from service.store.models import ReminderRow


def message_id(ctx: JobContext, period: str, nip: str, kind: str, day: str) -> str:
    """Deterministic, so a resend of the same reminder is recognisable as the same message."""
    return f"<{kind}.{period}.{nip}.{day}.{ctx.office}@{ctx.settings.mail_domain}>"


def send_once(ctx: JobContext, period: str, nip: str, kind: str, day: str,
              mail: OutgoingMail) -> str:
    """Returns "sent", "skipped" (already handled), "retry" or "failed"."""
    now = ctx.clock.now()
    with ctx.db.session() as session:
        row = outbox.enqueue(session, ctx.office, period, nip, kind, day, mail, now)
        if row is None:
            return "skipped"
        row_id = row.id
    with ctx.db.session() as session:
        if not outbox.claim(session, row_id):
            return "skipped"
    return deliver(ctx, row_id, mail, period)


def resend(ctx: JobContext, row_id: int) -> str:
    """The operator's one command for a row stuck in "sending" or "failed": send it again
    (same Message-ID, so a recipient's mail program can recognise a duplicate)."""
    with ctx.db.session() as session:
        row = session.get(ReminderRow, row_id)
        if row is None or row.office != ctx.office:
            raise KeyError(f"pesan nomor {row_id} tidak ada")
        if not outbox.claim(session, row_id, ("sending", "failed")):
            raise ValueError(f"pesan nomor {row_id} berstatus {row.state}, tidak perlu dikirim "
                             "ulang")
        mail, period = outbox.message_of(row), row.period
        months.audit(session, ctx.office, period, ctx.clock.now(), "operator", "email_ulang",
                     mail.message_id, mail.subject)
    return deliver(ctx, row_id, mail, period)


def retry_pending(ctx: JobContext, period: str) -> int:
    """Send rows left "pending" by a temporary failure (the server cannot have them)."""
    with ctx.db.session() as session:
        rows = [(r.id, outbox.message_of(r)) for r in outbox.pending(session, ctx.office, period)
                if r.payload]
    sent = 0
    for row_id, mail in rows:
        with ctx.db.session() as session:
            if not outbox.claim(session, row_id):
                continue
        sent += deliver(ctx, row_id, mail, period) == "sent"
    return sent


def deliver(ctx: JobContext, row_id: int, mail: OutgoingMail, period: str) -> str:
    """Talk to the mail server for a claimed row and record the outcome."""
    detail: str | None
    try:
        ctx.mailer.send(mail)
    except MailTemporaryError as error:
        state, outcome, detail = "pending", "retry", str(error)
    except MailPartialDeliveryError as error:  # delivered to the rest: never resend
        state, outcome, detail = "sent", "sent", f"ditolak sebagian: {error.refused}"
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

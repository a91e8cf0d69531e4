"""Email: the `Mailer` port, an SMTP adapter and a folder ("outbox") adapter. SMTP has no
idempotency, so a failure says whether the server *may* hold the message: temporary (it cannot:
retry), permanent (it refused: report), uncertain (broke after the content: never auto-resend).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import smtplib
import ssl
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, getaddresses, parseaddr
from pathlib import Path
from typing import Literal, Protocol, cast

log = logging.getLogger(__name__)

Security = Literal["none", "starttls", "ssl"]
_DEFAULT_PORTS: dict[str, int] = {"none": 25, "starttls": 587, "ssl": 465}
_MESSAGE_ID = re.compile(r"^<[^<>@\s]+@[^<>@\s]+>$")
Now = Callable[[], datetime]  # a function giving the current time (cf. service.clock.Clock)


class MailError(Exception):
    """Base of all delivery failures; carries the SMTP code and reply when there was one."""

    def __init__(self, message: str, code: int | None = None, reply: str = "") -> None:
        super().__init__(message)
        self.code, self.reply = code, reply


class MailPermanentError(MailError):
    """The server refused (5xx, unknown address, bad credentials): retrying cannot help."""


class MailPartialDeliveryError(MailPermanentError):
    """Delivered to `accepted`, permanently refused for `refused`: do not resend to anyone."""

    def __init__(self, message: str, accepted: tuple[str, ...], refused: dict[str, str]) -> None:
        super().__init__(message)
        self.accepted, self.refused = accepted, refused


class MailTemporaryError(MailError):
    """Failed before the message content was sent (refused connection, timeout, 4xx): retry."""


class MailUncertainError(MailError):
    """Failed after the content was sent: the server may have accepted it; never auto-resend."""


@dataclass(frozen=True)
class OutgoingMail:
    """One message; the caller picks a deterministic `message_id` so a resend is recognisable."""

    to: tuple[str, ...]
    subject: str
    text: str
    html: str
    message_id: str
    cc: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in ("to", "cc"):
            value = getattr(self, name)  # a lone string is one address, not its characters
            object.__setattr__(self, name, (value,) if isinstance(value, str) else tuple(value))
        if not self.to:
            raise ValueError("a mail needs at least one recipient in 'to'")
        if not _MESSAGE_ID.match(self.message_id):
            raise ValueError(f"message_id {self.message_id!r} is not of the form <local@domain>")

    @property
    def recipients(self) -> tuple[str, ...]:
        """Bare envelope addresses of To and Cc, in order, without duplicates."""
        pairs = getaddresses([*self.to, *self.cc])
        return tuple(dict.fromkeys(addr for _, addr in pairs if addr))


class Mailer(Protocol):
    def send(self, mail: OutgoingMail) -> None:
        """Deliver `mail` or raise MailPermanentError / MailTemporaryError / MailUncertainError."""


def build_message(mail: OutgoingMail, sender: str, date: datetime | None = None) -> EmailMessage:
    """The RFC 5322 message both adapters emit: multipart/alternative, UTF-8, bodies
    quoted-printable so that no server needs 8BITMIME and the .eml stays readable."""
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = sender
    message["To"] = ", ".join(mail.to)
    if mail.cc:
        message["Cc"] = ", ".join(mail.cc)
    message["Subject"] = mail.subject
    message["Date"] = format_datetime(date or datetime.now(UTC))
    message["Message-ID"] = mail.message_id
    message.set_content(mail.text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(mail.html, subtype="html", charset="utf-8", cte="quoted-printable")
    return message


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send. The password is kept out of `repr` so it never reaches a log."""

    host: str
    port: int
    security: Security
    user: str | None
    password: str | None
    sender: str
    timeout: float = 30

    def __repr__(self) -> str:
        secret = "'***'" if self.password else "None"
        return (f"SmtpSettings(host={self.host!r}, port={self.port}, security={self.security!r}, "
                f"user={self.user!r}, password={secret}, sender={self.sender!r})")

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> SmtpSettings | None:
        """Read KINERJA_SMTP_* / KINERJA_MAIL_FROM; None when no SMTP host is configured.
        Security defaults to ssl on port 465, else starttls with a user, else none; the port
        to the usual one for the security mode; the sender to the user if it is an address."""
        env = {k: v.strip() for k, v in environ.items() if k.startswith("KINERJA_") and v.strip()}
        if "KINERJA_SMTP_HOST" not in env:
            return None
        user, raw_port = env.get("KINERJA_SMTP_USER"), env.get("KINERJA_SMTP_PORT", "")
        default = "ssl" if raw_port == "465" else "starttls" if user else "none"
        security = env.get("KINERJA_SMTP_SECURITY", default).lower()
        if security not in _DEFAULT_PORTS:
            raise ValueError(f"KINERJA_SMTP_SECURITY must be none, starttls or ssl: {security!r}")
        if raw_port and not raw_port.isdigit():
            raise ValueError(f"KINERJA_SMTP_PORT must be a number, not {raw_port!r}")
        sender = env.get("KINERJA_MAIL_FROM") or (user if user and "@" in user else None)
        if sender is None:
            raise ValueError("KINERJA_MAIL_FROM is required when KINERJA_SMTP_HOST is set")
        return cls(env["KINERJA_SMTP_HOST"], int(raw_port or _DEFAULT_PORTS[security]),
                   cast(Security, security), user, environ.get("KINERJA_SMTP_PASSWORD") or None,
                   sender)


def _classify(code: int, reply: str, what: str) -> MailError:
    """Map an SMTP reply received *before the content was sent* to temporary or permanent."""
    kind = MailPermanentError if 500 <= code < 600 else MailTemporaryError  # nothing accepted
    return kind(f"{what}: {code} {reply}", code, reply)


def _session_failure(exc: OSError, content_sent: bool, message_id: str, host: str) -> MailError:
    """Classify a broken session: after the content anything is uncertain; before it, a
    configuration fault (bad certificate, missing STARTTLS/AUTH) is permanent, the rest
    (refused connection, timeout, disconnect) temporary."""
    if content_sent:
        return MailUncertainError(f"connection lost after sending {message_id}: {exc}")
    misconfigured = isinstance(exc, ssl.SSLCertVerificationError | smtplib.SMTPException)
    disconnected = isinstance(exc, smtplib.SMTPServerDisconnected)
    kind = MailPermanentError if misconfigured and not disconnected else MailTemporaryError
    return kind(f"SMTP session with {host} failed: {exc}")


def _decode(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply


class SmtpMailer:
    """Sends through an SMTP server, driving MAIL/RCPT/DATA itself so that it knows exactly
    which side of the DATA line a failure happened on (smtplib.sendmail hides that)."""

    def __init__(self, settings: SmtpSettings, *, ssl_context: ssl.SSLContext | None = None,
                 clock: Now | None = None) -> None:
        self.settings = settings
        self._ssl_context = ssl_context
        self._clock = clock or (lambda: datetime.now(UTC))

    def __repr__(self) -> str:
        return f"SmtpMailer({self.settings!r})"

    def send(self, mail: OutgoingMail) -> None:
        s = self.settings
        content = build_message(mail, s.sender, self._clock()).as_bytes(policy=policy.SMTP)
        smtp: smtplib.SMTP | None = None
        content_sent = False
        try:
            smtp = self._open()
            accepted, refused = self._envelope(smtp, parseaddr(s.sender)[1], mail.recipients)
            code, reply = smtp.docmd("DATA")
            if code != 354:
                raise _classify(code, _decode(reply), "DATA refused")
            content_sent = True
            smtp.send(re.sub(rb"(?m)^\.", b"..", content).rstrip(b"\r\n") + b"\r\n.\r\n")
            code, raw = smtp.getreply()
        except smtplib.SMTPResponseException as exc:  # greeting, EHLO, STARTTLS, AUTH
            raise _classify(exc.smtp_code, _decode(exc.smtp_error), "SMTP refused") from exc
        except OSError as exc:  # smtplib.SMTPException is an OSError too
            raise _session_failure(exc, content_sent, mail.message_id, s.host) from exc
        finally:
            _close(smtp)
        if 400 <= code < 600:  # RFC 5321 4.1.1.4: an explicit "not accepted", not ambiguous
            raise _classify(code, _decode(raw), f"message {mail.message_id} rejected")
        if code != 250:
            raise MailUncertainError(f"unexpected reply after DATA: {code} {_decode(raw)!r}")
        if refused:
            raise MailPartialDeliveryError(f"{mail.message_id} refused for {sorted(refused)}",
                                           accepted, refused)
        log.info("sent %s to %d recipient(s) via %s", mail.message_id, len(accepted), s.host)

    def _open(self) -> smtplib.SMTP:
        """Connect, secure and log in; errors here all happen before anything was sent."""
        s = self.settings
        context = self._ssl_context or ssl.create_default_context()
        smtp = (smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=context)
                if s.security == "ssl" else smtplib.SMTP(s.host, s.port, timeout=s.timeout))
        try:
            smtp.ehlo()
            if s.security == "starttls":
                smtp.starttls(context=context)
                smtp.ehlo()
            elif s.security == "none" and s.user:
                log.warning("SMTP login to %s without TLS: credentials travel in clear", s.host)
            if s.user:
                smtp.login(s.user, s.password or "")
        except BaseException:
            _close(smtp)
            raise
        return smtp

    @staticmethod
    def _envelope(smtp: smtplib.SMTP, sender: str,
                  recipients: tuple[str, ...]) -> tuple[tuple[str, ...], dict[str, str]]:
        """MAIL FROM and RCPT TO. Any 4xx recipient aborts the whole transaction (temporary,
        so a retry reaches everyone exactly once); 5xx recipients are dropped and reported."""
        code, reply = smtp.mail(sender)
        if code != 250:
            raise _classify(code, _decode(reply), "sender refused")
        accepted: list[str] = []
        refused: dict[str, str] = {}
        for rcpt in recipients:
            code, raw = smtp.rcpt(rcpt)
            if code in (250, 251):
                accepted.append(rcpt)
            else:
                refused[rcpt] = f"{code} {_decode(raw)}"
        if any(not why.startswith("5") for why in refused.values()):  # 4xx: abort, retry all
            raise MailTemporaryError(f"recipients refused for now: {refused}")
        if not accepted:
            raise MailPermanentError(f"all recipients refused: {refused}")
        return tuple(accepted), refused


def _close(smtp: smtplib.SMTP | None) -> None:
    """QUIT politely; a failure here cannot change what the server already decided."""
    try:
        if smtp is not None:
            smtp.quit()
    except OSError:  # includes smtplib.SMTPException
        smtp.close()  # type: ignore[union-attr]


_UNSAFE = re.compile(r"[^A-Za-z0-9._@+-]")


class OutboxMailer:
    """Writes each message as `<message-id>.eml` into a folder: the workspace outbox used
    when no SMTP server is configured. Same message id, same file: a rerun adds nothing."""

    def __init__(self, folder: Path | str, sender: str, *, clock: Now | None = None) -> None:
        self.folder = Path(folder)
        self.sender = sender
        self._clock = clock or (lambda: datetime.now(UTC))

    def path_for(self, message_id: str) -> Path:
        """File name from the message id, plus a hash if sanitizing changed it (no clashes)."""
        bare = message_id.strip().removeprefix("<").removesuffix(">")
        safe = _UNSAFE.sub("_", bare)[:150].lstrip(".") or "message"
        if safe != bare:
            safe += "-" + hashlib.sha256(message_id.encode()).hexdigest()[:10]
        return self.folder / f"{safe}.eml"

    def send(self, mail: OutgoingMail) -> None:
        target = self.path_for(mail.message_id)
        if target.exists():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        data = build_message(mail, self.sender, self._clock()).as_bytes(policy=policy.SMTP)
        tmp = self.folder / f".{uuid.uuid4().hex}.tmp"
        tmp.write_bytes(data)
        try:  # link() never overwrites, and a crash mid-write leaves no truncated .eml
            os.link(tmp, target)
            log.info("wrote %s to outbox %s", mail.message_id, target)
        except FileExistsError:
            pass  # a concurrent writer got there first: one file per message id
        finally:
            tmp.unlink()

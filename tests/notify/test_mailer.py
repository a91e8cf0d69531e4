"""SmtpMailer against a real aiosmtpd server; OutboxMailer against a real folder."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest

from service.notify.mailer import (
    MailPartialDeliveryError,
    MailPermanentError,
    MailTemporaryError,
    MailUncertainError,
    OutboxMailer,
    OutgoingMail,
    SmtpMailer,
    SmtpSettings,
    build_message,
)
from tests.notify.conftest import HOST, Certificate, SmtpTestServer, content, free_port

# The plain-text AUTH tests are deliberate (they check our side); silence aiosmtpd's advice.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

PASSWORD = "s3cret-Pa55word-xyz"
SUBJECT = "[Kinerja Oktober 2026] Pengingat — batas waktu Senin, 2 November 2026 ✓"
TEXT = "Yth. Bapak/Ibu Siti Nur’aini,\n\nDengan hormat, capaian 98,5 % — naïve café.\n"


def mail(**changes: object) -> OutgoingMail:
    values: dict[str, object] = dict(
        to=("Siti Nur’aini <siti@example.go.id>",), cc=("kasubag@example.go.id",),
        subject=SUBJECT, text=TEXT, html="<p>Yth. Bapak/Ibu Siti Nur’aini — <b>HTML</b></p>",
        message_id="<reminder.2026-10.196512312000011001@kinerja.local>")
    values.update(changes)
    return OutgoingMail(**values)  # type: ignore[arg-type]


def test_it_delivers_text_and_html_with_the_given_message_id(smtp_server: SmtpTestServer) -> None:
    SmtpMailer(smtp_server.settings()).send(mail())

    envelope = smtp_server.handler.envelopes[0]
    assert envelope.mail_from == "kinerja@kinerja.local"
    assert envelope.rcpt_tos == ["siti@example.go.id", "kasubag@example.go.id"]
    message = smtp_server.only_message()
    assert message["Subject"] == SUBJECT
    assert message["Message-ID"] == "<reminder.2026-10.196512312000011001@kinerja.local>"
    assert message["To"] == "Siti Nur’aini <siti@example.go.id>"
    assert message["Cc"] == "kasubag@example.go.id"
    assert message["From"] == "Kinerja <kinerja@kinerja.local>"
    assert message["Date"]
    assert message.get_content_type() == "multipart/alternative"
    assert content(message.get_body(("plain",))) == TEXT
    assert "Siti Nur’aini — <b>HTML</b>" in content(message.get_body(("html",)))


def test_lines_starting_with_a_dot_arrive_intact(smtp_server: SmtpTestServer) -> None:
    text = "baris satu\n.\n.titik di awal\n..dua titik\n"
    SmtpMailer(smtp_server.settings()).send(mail(text=text))

    assert content(smtp_server.only_message().get_body(("plain",))) == text


def test_a_550_recipient_is_permanent(smtp_server: SmtpTestServer) -> None:
    smtp_server.handler.rcpt_replies["salah@example.go.id"] = "550 5.1.1 No such user"

    with pytest.raises(MailPermanentError) as failure:
        SmtpMailer(smtp_server.settings()).send(mail(to=("salah@example.go.id",), cc=()))

    assert "550" in str(failure.value)
    assert smtp_server.handler.envelopes == []


def test_a_4xx_at_rcpt_is_temporary_and_reaches_no_one(smtp_server: SmtpTestServer) -> None:
    smtp_server.handler.rcpt_replies["kasubag@example.go.id"] = "450 4.2.1 Mailbox busy"
    mailer = SmtpMailer(smtp_server.settings())

    with pytest.raises(MailTemporaryError):
        mailer.send(mail())
    assert smtp_server.handler.envelopes == []

    del smtp_server.handler.rcpt_replies["kasubag@example.go.id"]
    mailer.send(mail())  # the retry a temporary error allows reaches both, once
    assert smtp_server.handler.envelopes[0].rcpt_tos == [
        "siti@example.go.id", "kasubag@example.go.id"]


def test_one_bad_address_does_not_stop_the_others(smtp_server: SmtpTestServer) -> None:
    smtp_server.handler.rcpt_replies["kasubag@example.go.id"] = "550 5.1.1 No such user"

    with pytest.raises(MailPartialDeliveryError) as failure:
        SmtpMailer(smtp_server.settings()).send(mail())

    assert isinstance(failure.value, MailPermanentError)  # so it is never resent
    assert failure.value.accepted == ("siti@example.go.id",)
    assert list(failure.value.refused) == ["kasubag@example.go.id"]
    assert smtp_server.handler.envelopes[0].rcpt_tos == ["siti@example.go.id"]


def test_a_closed_port_is_temporary() -> None:
    settings = SmtpSettings(HOST, free_port(), "none", None, None, "k@kinerja.local", timeout=2)

    with pytest.raises(MailTemporaryError):
        SmtpMailer(settings).send(mail())


def test_a_rejection_after_the_content_is_permanent(smtp_server: SmtpTestServer) -> None:
    smtp_server.handler.data_reply = "554 5.7.1 Message rejected"

    with pytest.raises(MailPermanentError):
        SmtpMailer(smtp_server.settings()).send(mail())


def test_a_connection_lost_after_the_content_is_uncertain(smtp_server: SmtpTestServer) -> None:
    smtp_server.handler.drop_after_data = True

    with pytest.raises(MailUncertainError):
        SmtpMailer(smtp_server.settings()).send(mail())

    # ...and rightly so: this server did keep the message.
    assert len(smtp_server.handler.envelopes) == 1


def test_a_timeout_waiting_for_the_final_reply_is_uncertain(smtp_server: SmtpTestServer) -> None:
    smtp_server.handler.delay_after_data = 1.5

    with pytest.raises(MailUncertainError):
        SmtpMailer(smtp_server.settings(timeout=0.5)).send(mail())


@pytest.fixture
def auth_server(start_smtp_server: Callable[..., SmtpTestServer]) -> SmtpTestServer:
    """A plain-text server that demands AUTH and knows one user."""
    return start_smtp_server(users={"pp@kinerja.local": PASSWORD}, auth_required=True)


def test_it_logs_in_when_the_server_requires_auth(auth_server: SmtpTestServer) -> None:
    server = auth_server
    SmtpMailer(server.settings(user="pp@kinerja.local", password=PASSWORD)).send(mail())

    assert len(server.handler.envelopes) == 1


def test_a_wrong_password_is_permanent(auth_server: SmtpTestServer) -> None:
    server = auth_server

    with pytest.raises(MailPermanentError) as failure:
        SmtpMailer(server.settings(user="pp@kinerja.local", password="salah")).send(mail())

    assert failure.value.code == 535
    assert server.handler.envelopes == []


def test_sending_without_login_where_auth_is_required_is_permanent(
    auth_server: SmtpTestServer,
) -> None:
    with pytest.raises(MailPermanentError) as failure:
        SmtpMailer(auth_server.settings()).send(mail())

    assert failure.value.code == 530


def test_the_password_never_reaches_repr_or_logs(
    auth_server: SmtpTestServer, caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    server = auth_server
    settings = server.settings(user="pp@kinerja.local", password=PASSWORD)
    mailer = SmtpMailer(settings)

    mailer.send(mail())
    with pytest.raises(MailPermanentError) as failure:
        SmtpMailer(server.settings(user="pp@kinerja.local", password=PASSWORD + "!")).send(mail())

    assert caplog.records, "the mailer is expected to log what it did"
    for text in (repr(settings), str(settings), repr(mailer), caplog.text, str(failure.value)):
        assert PASSWORD not in text
    assert "password='***'" in repr(settings)


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_it_sends_over_tls_with_login(
    start_smtp_server: Callable[..., SmtpTestServer], certificate: Certificate, security: str,
) -> None:
    tls = {"tls_context": certificate.server_context()} if security == "starttls" else {
        "ssl_context": certificate.server_context()}
    server = start_smtp_server(users={"pp@kinerja.local": PASSWORD}, auth_required=True, **tls)
    settings = server.settings(security=security, user="pp@kinerja.local", password=PASSWORD)

    SmtpMailer(settings, ssl_context=certificate.client_context()).send(mail())

    assert server.only_message()["Subject"] == SUBJECT


def test_an_untrusted_certificate_is_permanent(
    start_smtp_server: Callable[..., SmtpTestServer], certificate: Certificate,
) -> None:
    server = start_smtp_server(tls_context=certificate.server_context())

    with pytest.raises(MailPermanentError):  # default trust store: self-signed is refused
        SmtpMailer(server.settings(security="starttls")).send(mail())

    assert server.handler.envelopes == []


def test_settings_come_from_the_environment_and_need_a_host() -> None:
    env = {"KINERJA_SMTP_HOST": "smtp.mojokertokota.go.id", "KINERJA_SMTP_PORT": "2525",
           "KINERJA_SMTP_USER": "kinerja", "KINERJA_SMTP_PASSWORD": PASSWORD,
           "KINERJA_SMTP_SECURITY": "STARTTLS", "KINERJA_MAIL_FROM": "kinerja@mojokertokota.go.id"}

    settings = SmtpSettings.from_env(env)

    assert settings == SmtpSettings("smtp.mojokertokota.go.id", 2525, "starttls", "kinerja",
                                    PASSWORD, "kinerja@mojokertokota.go.id")
    assert PASSWORD not in repr(settings)
    assert SmtpSettings.from_env({"KINERJA_SMTP_USER": "x", "KINERJA_SMTP_HOST": " "}) is None


@pytest.mark.parametrize(("env", "security", "port"), [
    ({"KINERJA_SMTP_PORT": "465"}, "ssl", 465),
    ({"KINERJA_SMTP_USER": "pp@kota.go.id"}, "starttls", 587),
    ({}, "none", 25),
])
def test_security_and_port_have_defaults(env: dict[str, str], security: str, port: int) -> None:
    settings = SmtpSettings.from_env(
        {"KINERJA_SMTP_HOST": "mail", "KINERJA_MAIL_FROM": "k@kota.go.id", **env})

    assert settings is not None and (settings.security, settings.port) == (security, port)


@pytest.mark.parametrize("env", [
    {"KINERJA_SMTP_SECURITY": "tls", "KINERJA_MAIL_FROM": "k@kota.go.id"},
    {"KINERJA_SMTP_PORT": "smtp", "KINERJA_MAIL_FROM": "k@kota.go.id"},
    {"KINERJA_SMTP_USER": "kinerja"},  # no sender address anywhere
])
def test_bad_settings_are_refused_with_the_variable_named(env: dict[str, str]) -> None:
    with pytest.raises(ValueError, match="KINERJA_"):
        SmtpSettings.from_env({"KINERJA_SMTP_HOST": "mail", **env})


def test_the_outbox_writes_one_parseable_file_per_message_id(tmp_path: Path) -> None:
    outbox = OutboxMailer(tmp_path / "outbox", "Kinerja <kinerja@kinerja.local>",
                          clock=lambda: datetime(2026, 11, 3, 1, 0, tzinfo=UTC))
    outbox.send(mail())
    first = outbox.path_for(mail().message_id).read_bytes()

    outbox.send(mail(text="versi kedua"))  # same id: a rerun, not a new message
    outbox.send(mail(message_id="<overdue.2026-10.196512312000011001@kinerja.local>"))

    files = sorted(p.name for p in (tmp_path / "outbox").iterdir())
    assert files == ["overdue.2026-10.196512312000011001@kinerja.local.eml",
                     "reminder.2026-10.196512312000011001@kinerja.local.eml"]
    assert outbox.path_for(mail().message_id).read_bytes() == first
    parsed = BytesParser(policy=policy.default).parsebytes(first)
    assert parsed["Message-ID"] == mail().message_id
    assert parsed["Subject"] == SUBJECT
    assert parsed["Date"] == "Tue, 03 Nov 2026 01:00:00 +0000"
    assert content(parsed.get_body(("plain",))) == TEXT


def test_outbox_file_names_are_sanitized_and_never_clash(tmp_path: Path) -> None:
    outbox = OutboxMailer(tmp_path, "kinerja@kinerja.local")

    unsafe = outbox.path_for("<../../etc/passwd@x>")
    lookalike = outbox.path_for("<.._.._etc_passwd@x>")

    assert unsafe.parent == tmp_path and lookalike.parent == tmp_path
    assert unsafe != lookalike
    assert "/" not in unsafe.name and not unsafe.name.startswith(".")


def test_a_mail_needs_a_proper_message_id_and_a_recipient() -> None:
    with pytest.raises(ValueError, match="message_id"):
        mail(message_id="reminder-without-brackets")
    with pytest.raises(ValueError, match="recipient"):
        mail(to=())
    assert mail(to="siti@example.go.id").to == ("siti@example.go.id",)


def test_build_message_keeps_non_ascii_7bit_safe() -> None:
    raw = build_message(mail(), "kinerja@kinerja.local").as_bytes()

    assert raw.isascii()  # no server needs 8BITMIME
    assert b"Message-ID: <reminder.2026-10.196512312000011001@kinerja.local>" in raw

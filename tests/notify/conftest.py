"""A real SMTP server (aiosmtpd) on 127.0.0.1 for the mailer tests.

The handler records what it accepted and can be told to answer RCPT with a 4xx/5xx for
chosen addresses, to drop the connection or stall after the content, and to demand AUTH.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import socket
import ssl
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP as SMTPServer
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session

from service.notify.mailer import SmtpSettings

HOST = "127.0.0.1"


def free_port() -> int:
    """A port nothing listens on right now (aiosmtpd's Controller cannot bind port 0)."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


@dataclass
class RecordingHandler:
    """Keeps every accepted envelope; misbehaves on request."""

    envelopes: list[Envelope] = field(default_factory=list)
    rcpt_replies: dict[str, str] = field(default_factory=dict)  # address -> "550 ..."
    data_reply: str = "250 2.0.0 Message accepted for delivery"
    drop_after_data: bool = False
    delay_after_data: float = 0.0

    async def handle_RCPT(self, server: SMTPServer, session: Session, envelope: Envelope,
                          address: str, rcpt_options: list[str]) -> str:
        if address in self.rcpt_replies:
            return self.rcpt_replies[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTPServer, session: Session,
                          envelope: Envelope) -> str:
        if self.delay_after_data:
            await asyncio.sleep(self.delay_after_data)
        if self.drop_after_data:
            assert server.transport is not None
            server.transport.close()
        if self.data_reply.startswith("250"):
            self.envelopes.append(envelope)
        return self.data_reply

    def messages(self) -> list[EmailMessage]:
        """The accepted messages, parsed back with the modern email API."""
        return [message_from_bytes(e.original_content or b"", _class=EmailMessage,
                                   policy=policy.default) for e in self.envelopes]


@dataclass
class SmtpTestServer:
    host: str
    port: int
    handler: RecordingHandler

    def only_message(self) -> EmailMessage:
        messages = self.handler.messages()
        assert len(messages) == 1, f"expected one message, the server holds {len(messages)}"
        return messages[0]

    def settings(self, **overrides: Any) -> SmtpSettings:
        values: dict[str, Any] = dict(host=self.host, port=self.port, security="none", user=None,
                                      password=None, sender="Kinerja <kinerja@kinerja.local>",
                                      timeout=5)
        values.update(overrides)
        return SmtpSettings(**values)


def content(part: EmailMessage | None) -> str:
    """Decoded body with SMTP's CRLF line ends turned back into Python's."""
    assert part is not None
    return str(part.get_content()).replace("\r\n", "\n")


def make_authenticator(users: dict[str, str]) -> Callable[..., AuthResult]:
    def authenticate(server: SMTPServer, session: Session, envelope: Envelope,
                     mechanism: str, auth_data: Any) -> AuthResult:
        ok = (isinstance(auth_data, LoginPassword)
              and users.get(auth_data.login.decode()) == auth_data.password.decode())
        return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd answers 535
    return authenticate


@pytest.fixture
def start_smtp_server() -> Iterator[Callable[..., SmtpTestServer]]:
    """Factory: start_smtp_server(users=..., auth_required=..., tls_context=...,
    ssl_context=...) starts one server per call; all are stopped after the test."""
    controllers: list[Controller] = []

    def start(*, users: dict[str, str] | None = None, auth_required: bool = False,
              tls_context: ssl.SSLContext | None = None,
              ssl_context: ssl.SSLContext | None = None) -> SmtpTestServer:
        handler = RecordingHandler()
        port = free_port()
        options: dict[str, Any] = {}
        if users is not None:
            options.update(authenticator=make_authenticator(users),
                           auth_require_tls=tls_context is not None)
        controller = Controller(handler, hostname=HOST, port=port, ssl_context=ssl_context,
                                tls_context=tls_context, auth_required=auth_required,
                                require_starttls=tls_context is not None, **options)
        controller.start()
        controllers.append(controller)
        return SmtpTestServer(HOST, port, handler)

    yield start
    for controller in controllers:
        controller.stop()


@pytest.fixture
def smtp_server(start_smtp_server: Callable[..., SmtpTestServer]) -> SmtpTestServer:
    """A plain server without TLS or AUTH that accepts everything until told otherwise."""
    return start_smtp_server()


@dataclass(frozen=True)
class Certificate:
    cert_file: Path
    key_file: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert_file, self.key_file)
        return context

    def client_context(self) -> ssl.SSLContext:
        """Trusts exactly this certificate, with hostname checking left on."""
        return ssl.create_default_context(cafile=str(self.cert_file))


@pytest.fixture(scope="session")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Certificate:
    """A self-signed certificate for 127.0.0.1, made on the spot with `cryptography`."""
    x509 = pytest.importorskip("cryptography.x509", reason="cryptography is needed for TLS")
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "kinerja test SMTP")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(
            [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address(HOST))]),
            critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("tls")
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return Certificate(cert_file, key_file)

"""Personal sign-off links for local mode.

A workbook cannot tell who ticked a cell, so in local mode an approver signs through a link
only they received: a signed token naming office, period, role and NIP, valid for a limited
time. The key lives in the workspace (created once, 0600) unless KINERJA_SECRET_KEY is set,
so links survive restarts and are worthless outside this deployment.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from service.domain.period import Period
from service.domain.roster import Role

SALT = "kinerja-pengesahan"
SIGNOFF_PATH = "/pengesahan/"  # the web route; `signoff_url` is the only other user
DEFAULT_MAX_AGE = 14 * 24 * 3600  # two weeks: a month's approvals fit comfortably


class LinkError(ValueError):
    """A link that is forged, altered or expired; the message is shown to the person."""


@dataclass(frozen=True)
class SignOffGrant:
    office: str
    period: Period
    role: Role
    nip: str


def secret_key(workspace: Path, environ: dict[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    if env.get("KINERJA_SECRET_KEY"):
        return env["KINERJA_SECRET_KEY"]
    path = workspace / "secret.key"
    if not path.exists():
        workspace.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


def _serializer(key: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(key, salt=SALT)


def make_token(key: str, grant: SignOffGrant) -> str:
    return _serializer(key).dumps([grant.office, str(grant.period), grant.role.value, grant.nip])


def read_token(key: str, token: str, max_age: int = DEFAULT_MAX_AGE) -> SignOffGrant:
    try:
        office, period, role, nip = _serializer(key).loads(token, max_age=max_age)
    except SignatureExpired as error:
        raise LinkError("Tautan pengesahan sudah kedaluwarsa; minta tautan baru kepada "
                        "Penyusun Program.") from error
    except (BadSignature, ValueError, TypeError) as error:
        raise LinkError("Tautan pengesahan tidak sah.") from error
    return SignOffGrant(office, Period.parse(period), Role(role), nip)


def signoff_url(base_url: str, token: str) -> str:
    """The personal link as people receive it (mail, CLI): one place for the URL's shape.

    `base_url` is where `kinerja serve` is reached (KINERJA_WEB_BASE_URL), with or without a
    trailing slash."""
    return f"{base_url.rstrip('/')}{SIGNOFF_PATH}{token}"

"""Settings from the environment (and CLI flags), with defaults that run the demo."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time
from email.utils import parseaddr
from pathlib import Path

from sqlalchemy.engine import make_url

from service.domain.achievement import AchievementPolicy
from service.domain.deadlines import DeadlinePolicy
from service.domain.validation import RulesConfig
from service.notify.mailer import SmtpSettings

DEFAULT_WORKSPACE = "workspace"
DEFAULT_MAIL_DOMAIN = "kinerja.local"

# What `kinerja demo` takes from the environment: who the office is, never where its data,
# mail or sheets live (the demo must not touch a production database, server or Drive).
IDENTITY_VARIABLES = ("KINERJA_OFFICE", "KINERJA_OFFICE_NAME", "KINERJA_LETTERHEAD",
                      "KINERJA_MAIL_FROM")


def redact_url(url: str) -> str:
    """A database URL fit to print: the password, if any, becomes *** (SQLAlchemy's own
    rendering, so every URL form it accepts is handled)."""
    return make_url(url).render_as_string(hide_password=True)


def parse_letterhead(text: str) -> tuple[str, ...]:
    """KINERJA_LETTERHEAD: the letterhead lines of the PDFs, separated by `|`."""
    return tuple(line.strip() for line in text.split("|") if line.strip())


@dataclass(frozen=True)
class GoogleSettings:
    """Where the Google backend finds its credentials and its Drive folder."""

    key_path: str | None = None
    oauth_client_path: str | None = None
    token_path: str | None = None
    folder_id: str = ""
    api_base: str | None = None  # e.g. http://127.0.0.1:8123 for the fake server
    quota: str | None = None  # per-minute limits, e.g. "sheets_write=60" (pacing.py)


@dataclass(frozen=True)
class SchedulerSettings:
    """When `kinerja scheduler run` wakes the jobs; times are wall-clock in `timezone`.

    Reconcile runs often while officials are filling in (the 1st to the closing deadline) so
    notes appear while they still look at the sheet, and hourly otherwise to catch the
    Kasubag's review and the sign-off ticks. Provisioning on `provision_day` of a month
    prepares that month's sheets a few days before its collection opens on the 1st.
    """

    reconcile_window_minutes: int = 15
    reconcile_outside_minutes: int = 60
    remind_at: time = time(8, 0)
    provision_day: int = 25
    provision_at: time = time(7, 0)
    tamper_check_at: time = time(6, 0)
    timezone: str = "Asia/Jakarta"

    def __post_init__(self) -> None:
        if not 1 <= self.provision_day <= 28:
            raise ValueError(f"provision_day harus 1-28, bukan {self.provision_day}")
        for name in ("reconcile_window_minutes", "reconcile_outside_minutes"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} harus minimal 1 menit")


def parse_days_off(text: str) -> dict[date, str]:
    """The office's own days off (cuti bersama it observes beyond the national list):
    "2026-12-24:Cuti bersama Natal, 2026-12-31" -> {date: reason}."""
    days: dict[date, str] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        day, _, reason = item.partition(":")
        try:
            days[date.fromisoformat(day.strip())] = reason.strip() or "Libur kantor"
        except ValueError as error:
            raise ValueError(f"KINERJA_EXTRA_DAYS_OFF: {day!r} bukan tanggal YYYY-MM-DD") \
                from error
    return days


@dataclass(frozen=True)
class Settings:
    workspace: Path
    office: str = "dukcapil-mojokerto"
    office_name: str = "Dinas Kependudukan dan Pencatatan Sipil Kota Mojokerto"
    letterhead: tuple[str, ...] = ()
    database_url: str | None = None
    backend: str = "local"
    escalate_after_working_days: int = 2
    achievement: AchievementPolicy = field(default_factory=AchievementPolicy)
    deadlines: DeadlinePolicy = field(default_factory=DeadlinePolicy)
    rules: RulesConfig = field(default_factory=RulesConfig)
    web_base_url: str = "http://127.0.0.1:5000"
    smtp: SmtpSettings | None = None
    mail_from: str = f"Sistem Kinerja <kinerja@{DEFAULT_MAIL_DOMAIN}>"
    google: GoogleSettings = field(default_factory=lambda: GoogleSettings())
    scheduler: SchedulerSettings = field(default_factory=SchedulerSettings)
    extra_days_off: dict[date, str] = field(default_factory=dict)
    pdf_renderer: str = "auto"  # local archive PDFs: auto, libreoffice or reportlab

    def __repr__(self) -> str:
        """Settings reach logs and tracebacks: no database password in them (the SMTP
        password is hidden by SmtpSettings' own repr)."""
        fields = dict(vars(self))
        if self.database_url:
            fields["database_url"] = redact_url(self.database_url)
        return f"Settings({', '.join(f'{k}={v!r}' for k, v in fields.items())})"

    @property
    def letterhead_lines(self) -> tuple[str, ...]:
        """The PDFs' letterhead: as configured, else just the office's name."""
        return self.letterhead or (self.office_name.upper(),)

    @property
    def mail_domain(self) -> str:
        """The right-hand side of our Message-IDs: the sender's own domain, so that every
        office's messages carry its own."""
        address = parseaddr(self.mail_from)[1]
        return address.rpartition("@")[2] or DEFAULT_MAIL_DOMAIN

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.workspace / 'kinerja.sqlite3'}"

    @property
    def sheets_dir(self) -> Path:
        return self.workspace / "sheets"

    @property
    def archive_dir(self) -> Path:
        return self.workspace / "arsip"

    @property
    def outbox_dir(self) -> Path:
        return self.workspace / "outbox"

    @classmethod
    def from_env(cls, workspace: str | None = None,
                 environ: Mapping[str, str] = os.environ) -> Settings:
        root = Path(workspace or environ.get("KINERJA_WORKSPACE", DEFAULT_WORKSPACE))
        return cls(
            workspace=root.resolve(),
            office=environ.get("KINERJA_OFFICE", cls.office),
            office_name=environ.get("KINERJA_OFFICE_NAME", cls.office_name),
            letterhead=parse_letterhead(environ.get("KINERJA_LETTERHEAD", "")),
            database_url=environ.get("KINERJA_DATABASE_URL") or None,
            backend=environ.get("KINERJA_BACKEND", cls.backend),
            web_base_url=environ.get("KINERJA_WEB_BASE_URL", cls.web_base_url),
            smtp=SmtpSettings.from_env(environ),
            mail_from=environ.get("KINERJA_MAIL_FROM", cls.mail_from),
            deadlines=DeadlinePolicy(
                on_day_off=environ.get("KINERJA_DEADLINE_ON_DAY_OFF", "next"),  # type: ignore[arg-type]
            ),
            extra_days_off=parse_days_off(environ.get("KINERJA_EXTRA_DAYS_OFF", "")),
            pdf_renderer=environ.get("KINERJA_PDF_RENDERER", cls.pdf_renderer),
            google=GoogleSettings(
                key_path=environ.get("KINERJA_GOOGLE_KEY") or None,
                oauth_client_path=environ.get("KINERJA_GOOGLE_OAUTH_CLIENT") or None,
                token_path=environ.get("KINERJA_GOOGLE_TOKEN") or None,
                folder_id=environ.get("KINERJA_GOOGLE_FOLDER", ""),
                api_base=environ.get("KINERJA_GOOGLE_API_BASE") or None,
                quota=environ.get("KINERJA_GOOGLE_QUOTA") or None,
            ),
        )

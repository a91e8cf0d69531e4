"""The one place that turns settings into concrete parts: backend, database, mailer, clock.

Jobs, the CLI, the scheduler and the web app all get their `JobContext` from here, so no
other module constructs an adapter.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from service.archive.workbook_pdf import make_renderer
from service.clock import Clock, SystemClock
from service.config import Settings
from service.domain.calendar import WorkingCalendar
from service.jobs.context import JobContext
from service.notify.mailer import Mailer, OutboxMailer, SmtpMailer, SmtpSettings
from service.sheets.local import LocalBackend
from service.sheets.port import SheetBackend
from service.store.db import Database

DEFAULT_SENDER = "Sistem Kinerja Dukcapil <kinerja@localhost>"


def build_backend(settings: Settings) -> SheetBackend:
    if settings.backend == "local":
        return LocalBackend(
            settings.sheets_dir,
            make_renderer(settings.letterhead[0], (settings.office_name.upper(),)),
        )
    if settings.backend == "google":
        from service.sheets.google import build_google_backend

        return build_google_backend(
            key_path=os.environ.get("KINERJA_GOOGLE_KEY"),
            oauth_client_path=os.environ.get("KINERJA_GOOGLE_OAUTH_CLIENT"),
            token_path=os.environ.get("KINERJA_GOOGLE_TOKEN"),
            root_folder_id=os.environ.get("KINERJA_GOOGLE_FOLDER", ""),
            api_base=os.environ.get("KINERJA_GOOGLE_API_BASE") or None,
        )
    raise ValueError(f"backend {settings.backend!r} tidak dikenal: pilih local atau google")


def build_mailer(settings: Settings, clock: Clock) -> Mailer:
    """SMTP when configured, else .eml files in the workspace outbox (nothing is lost)."""
    smtp = SmtpSettings.from_env(os.environ)
    if smtp is not None:
        return SmtpMailer(smtp)
    sender = os.environ.get("KINERJA_MAIL_FROM", DEFAULT_SENDER)
    return OutboxMailer(settings.outbox_dir, sender, clock=clock.now)


def build_context(
    settings: Settings,
    clock: Clock | None = None,
    progress: Callable[[str], None] | None = None,
    backend: SheetBackend | None = None,
    mailer: Mailer | None = None,
) -> JobContext:
    settings.workspace.mkdir(parents=True, exist_ok=True)
    clock = clock or SystemClock()
    year = clock.now().year
    context = JobContext(
        settings=settings,
        backend=backend or build_backend(settings),
        db=Database(settings.db_url),
        clock=clock,
        mailer=mailer or build_mailer(settings, clock),
        calendar=WorkingCalendar.for_indonesia(range(year - 1, year + 2)),
    )
    if progress is not None:
        context.progress = progress
    return context

"""The one place that turns settings into concrete parts: backend, database, mailer, clock.

Jobs, the CLI, the scheduler and the web app all get their `JobContext` from here, so no
other module constructs an adapter.
"""

from __future__ import annotations

from collections.abc import Callable

from service.archive.workbook_pdf import make_renderer
from service.clock import Clock, SystemClock
from service.config import Settings
from service.context import JobContext
from service.domain.calendar import WorkingCalendar
from service.notify.mailer import Mailer, OutboxMailer, SmtpMailer
from service.sheets.local import LocalBackend
from service.sheets.port import SheetBackend
from service.store.db import Database


def build_backend(settings: Settings, pdf_renderer: str | None = None) -> SheetBackend:
    """`pdf_renderer` (default: the setting) picks how the local backend prints a workbook to
    PDF (see archive/workbook_pdf.make_renderer); Google exports its own PDFs."""
    if settings.backend == "local":
        return LocalBackend(
            settings.sheets_dir,
            make_renderer(settings.letterhead_lines[0], settings.letterhead_lines[1:],
                          pdf_renderer or settings.pdf_renderer),
        )
    if settings.backend == "google":
        from service.sheets.google import build_google_backend

        google = settings.google
        return build_google_backend(
            key_path=google.key_path,
            oauth_client_path=google.oauth_client_path,
            token_path=google.token_path,
            root_folder_id=google.folder_id,
            api_base=google.api_base,
            quota=google.quota,
        )
    raise ValueError(f"backend {settings.backend!r} tidak dikenal: pilih local atau google")


def build_mailer(settings: Settings, clock: Clock) -> Mailer:
    """SMTP when configured, else .eml files in the workspace outbox (nothing is lost)."""
    if settings.smtp is not None:
        return SmtpMailer(settings.smtp)
    return OutboxMailer(settings.outbox_dir, settings.mail_from, clock=clock.now)


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
        calendar=WorkingCalendar.for_indonesia(range(year - 1, year + 2),
                                               settings.extra_days_off),
    )
    if progress is not None:
        context.progress = progress
    return context

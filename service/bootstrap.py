"""The one place that turns settings into concrete parts: backend, database, mailer, clock.

Jobs, the CLI, the scheduler and the web app all get their `JobContext` from here, so no
other module constructs an adapter.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from service.archive.workbook_pdf import make_renderer
from service.clock import Clock, SystemClock
from service.config import Settings
from service.domain.calendar import WorkingCalendar
from service.jobs.context import JobContext
from service.notify.mailer import Mailer, OutboxMailer, SmtpMailer
from service.sheets.local import LocalBackend
from service.sheets.port import SheetBackend
from service.store.db import Database


def build_backend(settings: Settings) -> SheetBackend:
    if settings.backend == "local":
        return LocalBackend(
            settings.sheets_dir,
            make_renderer(settings.letterhead_lines[0], settings.letterhead_lines[1:]),
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
        )
    raise ValueError(f"backend {settings.backend!r} tidak dikenal: pilih local atau google")


DEMO_SERVICE_ACCOUNT = "kinerja@demo-project.iam.gserviceaccount.com"


def build_google_fake(clock: Clock) -> tuple[SheetBackend, Any]:
    """`kinerja demo --backend google-fake`: the real Google adapter and gspread, talking
    HTTP to the in-process API fake from the repository's tests/ (a service account working
    in a Shared Drive folder, as in production)."""
    import sys

    import requests

    repository = str(Path(__file__).resolve().parents[1])
    if repository not in sys.path:  # the fake is test code, not part of the installed package
        sys.path.append(repository)
    try:
        from tests.fakes.google_api import FakeGoogle
    except ImportError as error:
        raise SystemExit("--backend google-fake butuh folder tests/ dari repositori") from error
    from service.sheets.google import GoogleBackend

    fake = FakeGoogle(service_account=DEMO_SERVICE_ACCOUNT)
    fake.set_clock(clock.now)
    drive = fake.add_shared_drive("Kinerja Dukcapil", members=(DEMO_SERVICE_ACCOUNT,))
    root = fake.add_folder("Kinerja", parent=drive)
    session = requests.Session()
    session.headers["Authorization"] = "Bearer kinerja-service"
    fake.mount(session)
    return GoogleBackend(session, root, DEMO_SERVICE_ACCOUNT, sleep=lambda _s: None), fake


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

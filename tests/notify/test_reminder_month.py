"""A month of reminders through a real SMTP server (aiosmtpd on 127.0.0.1), across a weekend
and Independence Day: exactly these emails, never twice, and a send that broke after the
message was handed over is left for the operator instead of being resent."""

from __future__ import annotations

from datetime import date, timedelta
from email.utils import getaddresses
from pathlib import Path

from service.bootstrap import build_context
from service.clock import SimulatedClock
from service.config import Settings
from service.demo.desk import LocalDesk
from service.domain.period import Period
from service.jobs.parts.outbox import resend
from service.jobs.provision import provision
from service.jobs.reconcile import pull_and_reconcile
from service.jobs.remind import remind
from service.notify.mailer import SmtpMailer
from service.sheets.layout import official_layout
from service.sheets.roster_workbook import read_roster
from service.store import month_repo as months
from service.store import outbox_repo, roster_repo
from tests.conftest import SAMPLE_ROSTER, jakarta
from tests.notify.conftest import SmtpTestServer

PERIOD = Period(2026, 7)  # due Sun 2 Aug -> Mon 3 Aug; closes Wed 5 Aug; 17 Aug is a holiday
LILIK, WAHYU = "198207252008012011", "198401152009031006"
KINDS = {"Pengingat:": "sebelum", "Hari ini batas": "hari-h", "melewati batas": "terlambat",
         "Eskalasi": "eskalasi", "Menunggu": "tunggu"}


def _kind(subject: str) -> str:
    return next(kind for marker, kind in KINDS.items() if marker in subject)


def _submit(ctx, desk: LocalDesk, nip: str) -> None:  # type: ignore[no-untyped-def]
    layout = official_layout()
    with ctx.db.session() as session:
        sheet = months.spreadsheet(session, ctx.office, str(PERIOD), "pj", nip)
        entries = months.recap_entries(session, ctx.office, str(PERIOD), nip)
    cells: dict[str, object] = {layout.submit_cell: True}
    for entry in entries:
        row = layout.table.data_row(entry.ordinal)
        cells[f"{layout.table.col('realization')}{row}"] = 95
        cells[f"{layout.table.col('evidence')}{row}"] = "https://example.org/bukti"
    desk.type_values(nip, sheet.key, layout.table.tab, cells)


def test_a_month_of_reminders_over_real_smtp(tmp_path: Path,
                                             smtp_server: SmtpTestServer) -> None:
    clock = SimulatedClock(jakarta(2026, 7, 27, 9))
    settings = Settings.from_env(str(tmp_path / "ws"), environ={})
    ctx = build_context(settings, clock=clock, mailer=SmtpMailer(smtp_server.settings()))
    roster, agreements = read_roster(SAMPLE_ROSTER)
    with ctx.db.session() as session:
        roster_repo.save_roster(session, ctx.office, roster, agreements)
    provision(ctx, PERIOD)
    desk = LocalDesk(settings.sheets_dir)
    holders = {a.nip for a in agreements}
    on_time = [o.nip for o in roster.officials if o.nip in holders and o.nip not in
               (LILIK, WAHYU)]
    received: list[tuple[str, str, str]] = []
    day = date(2026, 7, 30)
    while day <= date(2026, 8, 18):
        clock.set(jakarta(day.year, day.month, day.day, 8))
        before = len(smtp_server.handler.messages())
        if day == date(2026, 8, 4):
            smtp_server.handler.drop_after_data = True  # the answer to DATA is lost
        remind(ctx, PERIOD)
        smtp_server.handler.drop_after_data = False
        remind(ctx, PERIOD)  # a rerun the same morning adds nothing
        for message in smtp_server.handler.messages()[before:]:
            to = ", ".join(a for _, a in getaddresses([str(message["To"])]))
            received.append((day.isoformat(), _kind(str(message["Subject"])), to))
        clock.set(jakarta(day.year, day.month, day.day, 10))
        if day == date(2026, 7, 30):
            for nip in on_time:
                _submit(ctx, desk, nip)
        if day == date(2026, 8, 5):
            _submit(ctx, desk, LILIK)
        if day == date(2026, 8, 6):
            _submit(ctx, desk, WAHYU)
        pull_and_reconcile(ctx, PERIOD)
        day += timedelta(days=1)

    domain = "@dukcapil-mojokerto.example"
    lilik, wahyu, compiler, kasubag = (f"{name}{domain}" for name in (
        "lilik.handayani", "wahyu.hidayat", "andi.prasetyo", "dewi.sari"))
    expected = [
        ("2026-07-31", "sebelum", lilik), ("2026-07-31", "sebelum", wahyu),
        ("2026-08-03", "hari-h", lilik), ("2026-08-03", "hari-h", wahyu),
        ("2026-08-04", "terlambat", lilik), ("2026-08-04", "terlambat", wahyu),
        ("2026-08-05", "terlambat", lilik), ("2026-08-05", "terlambat", wahyu),
        ("2026-08-05", "eskalasi", f"{compiler}, {kasubag}"),
        ("2026-08-06", "terlambat", wahyu), ("2026-08-06", "eskalasi", f"{compiler}, {kasubag}"),
        *[(d, "tunggu", compiler) for d in ("2026-08-10", "2026-08-11", "2026-08-12",
                                            "2026-08-13", "2026-08-14", "2026-08-18")],
    ]
    assert received == expected

    with ctx.db.session() as session:
        stuck = outbox_repo.needing_attention(session, ctx.office, str(PERIOD))
    assert [(r.day, r.state) for r in stuck] == [("2026-08-04", "sending")] * 2
    assert resend(ctx, stuck[0].id) == "sent"
    again = smtp_server.handler.messages()[-1]
    assert again["Message-ID"] == stuck[0].message_id
    with ctx.db.session() as session:
        assert len(outbox_repo.needing_attention(session, ctx.office, str(PERIOD))) == 1

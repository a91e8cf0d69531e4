"""The demo month's story: who types what, when, and the approvals.

Most officials submit on time, two are late, one types a value that cannot be read and
fixes it after the note, the Secretary ticks too early and is undone, the Kasubag returns
one row which is corrected, then the four sign-offs. `run.py` plays it on a clock.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from service.context import JobContext
from service.demo.desk import Desk
from service.domain.agreement import Indicator, Polarity
from service.domain.calendar import JAKARTA
from service.domain.period import Period
from service.domain.roster import Role, Roster
from service.jobs.signoff_link import sign_with_link
from service.sheets.layout import master_layout, official_layout
from service.sheets.locks import signoff_tick_cell
from service.store import month_repo as months
from service.store import roster_repo
from service.store.models import RecapEntry

MALFORMED_NIP = "198306172009011003"  # types "± 300 dok" first, fixes it after the note
LATE = {"198207252008012011": 1, "198401152009031006": 2}  # working days after the deadline
RETURNED = ("198512012010011007", "KLH-01",
            "Jumlah akta tidak sesuai register SIAK bulan Oktober; mohon dicek ulang.")



@dataclass
class Event:
    at: datetime
    label: str
    action: Callable[[], None]


def at(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, JAKARTA)


def realization(indicator: Indicator, month: int, rng: random.Random) -> str | float:
    """A plausible value, typed the way people type: some with a decimal comma."""
    if indicator.polarity is Polarity.RANGE:
        low, high = indicator.range_low or Decimal(0), indicator.range_high or Decimal(0)
        value = float(low) + (float(high) - float(low)) * rng.uniform(0.2, 0.8)
    elif indicator.polarity is Polarity.NEGATIVE:
        value = float(indicator.target_for(month)) * rng.uniform(0.7, 1.1)
    else:
        value = min(float(indicator.target_for(month)) * rng.uniform(0.93, 1.06),
                    100.0 if indicator.unit == "%" else 1e12)
    if indicator.unit in ("%", "nilai", "hari", "jam"):
        return f"{value:.1f}".replace(".", ",") if rng.random() < 0.5 else round(value, 1)
    return float(round(value))


def story(ctx: JobContext, period: Period, desk: Desk, deadline: date) -> list[Event]:
    rng = random.Random(20261)
    layout = official_layout()
    table = layout.table
    with ctx.db.session() as session:
        roster = roster_repo.load_roster(session, ctx.office)
        agreements = roster_repo.load_agreements(session, ctx.office, period.year)
        # provision() ran before the story: every sheet is created and has its key
        sheets = {s.owner: s.key for s in months.spreadsheets(session, ctx.office, str(period))
                  if s.key is not None}
        entries = months.recap_entries(session, ctx.office, str(period))
    reviewers = [o.email for r in (Role.KS, Role.SK, Role.KD)
                 if (o := roster.approver(r)) is not None]
    service_account = getattr(ctx.backend, "account", None)  # Google: it reads the sharing
    readers = [*reviewers, *([service_account] if service_account else [])]
    events: list[Event] = []
    for number, official in enumerate(o for o in roster.officials if o.nip in agreements):
        indicators = agreements[official.nip].indicators
        key = sheets[official.nip]
        cells: dict[str, object] = {}
        for index, indicator in enumerate(indicators):
            row = table.data_row(index)
            cells[f"{table.col('realization')}{row}"] = realization(indicator, period.month, rng)
            if indicator.evidence_required:
                cells[f"{table.col('evidence')}{row}"] = desk.evidence_link(
                    official.email, indicator.code, readers)
            if rng.random() < 0.3:
                cells[f"{table.col('obstacles')}{row}"] = "Gangguan jaringan SIAK dua hari"
                cells[f"{table.col('follow_up')}{row}"] = "Koordinasi dengan Ditjen Dukcapil"
        cells[layout.submit_cell] = True
        if official.nip in LATE:
            when = at(_working_day_after(ctx, deadline, LATE[official.nip]), time(11, 30))
        else:
            when = at(deadline - timedelta(days=4 - number % 5), time(9 + number % 6, 15))
        if official.nip == MALFORMED_NIP:
            bad = f"{table.col('realization')}{table.data_row(0)}"
            events.append(Event(when - timedelta(days=2), f"{official.name} mengisi "
                                f"'± 300 dok' (tidak terbaca)", _typer(desk, official.email, key,
                                                                      table.tab,
                                                                      {bad: "± 300 dok"})))
        events.append(Event(when, f"{official.name} mengisi dan mengirim",
                            _typer(desk, official.email, key, table.tab, cells)))
    returned = agreements[RETURNED[0]].indicator(RETURNED[1])
    corrected = float(round(returned.target_for(period.month) * Decimal("0.98")))
    return events + approvals(ctx, desk, deadline, sheets, entries, roster, corrected)


def approvals(ctx: JobContext, desk: Desk, deadline: date, sheets: dict[str, str],
               entries: list[RecapEntry], roster: Roster, corrected: float) -> list[Event]:
    mlayout = master_layout()
    recap, panel = mlayout.recap, mlayout.signoff.tab
    master = sheets[""]
    closing = ctx.calendar.add_working_days(deadline, 3)
    nip, code, reason = RETURNED
    reviews: dict[str, object] = {}
    returned_row = 0
    for entry in entries:
        reviews[f"{recap.col('review')}{entry.master_row}"] = "Sesuai"
        if (entry.nip, entry.code) == (nip, code):
            returned_row = entry.master_row
            reviews[f"{recap.col('review')}{entry.master_row}"] = "Tidak Sesuai"
            reviews[f"{recap.col('review_reason')}{entry.master_row}"] = reason
    official_row = official_layout().table.data_row(
        next(e.ordinal for e in entries if (e.nip, e.code) == (nip, code)))
    fix_cell = f"{official_layout().table.col('realization')}{official_row}"

    def tick(role: Role) -> Callable[[], None]:
        """On Google the approver ticks their protected cell; a local workbook cannot tell
        who ticked, so there the approver opens their personal link instead."""
        approver = roster.approver(role)
        if ctx.backend.ticks_prove_identity or approver is None:
            return _typer(desk, approver.email if approver else "", master, panel,
                          {signoff_tick_cell(mlayout, role): True})
        period = Period.parse(str(entries[0].period))

        def by_link() -> None:
            outcome = sign_with_link(ctx, period, role, approver.nip)
            print(f"  tautan pengesahan {role.value}: {outcome.message}")

        return by_link

    name = {r: (o.name if (o := roster.approver(r)) else r.value) for r in Role}
    email = {r: (o.email if (o := roster.approver(r)) else "") for r in Role}
    verb = "mencentang" if ctx.backend.ticks_prove_identity else "membuka tautan pengesahan"
    return [
        Event(at(closing, time(8, 30)), f"{name[Role.SK]} {verb} SK terlalu dini",
              tick(Role.SK)),
        *([] if ctx.backend.ticks_prove_identity else [
            Event(at(closing, time(8, 45)), f"{name[Role.KD]} mencentang langsung di buku kerja "
                  "(tidak sah di mode lokal)",
                  _typer(desk, email[Role.KD], master, panel,
                         {signoff_tick_cell(mlayout, Role.KD): True}))]),
        Event(at(closing, time(9, 5)), f"{name[Role.PP]} {verb}: rekap selesai (PP)",
              tick(Role.PP)),
        Event(at(closing, time(10, 20)), f"{name[Role.KS]} mereviu: satu baris Tidak Sesuai",
              _typer(desk, email[Role.KS], master, recap.tab, reviews)),
        Event(at(closing, time(13, 40)), f"{roster.by_nip(nip).name} memperbaiki {code}",
              _typer(desk, roster.by_nip(nip).email, sheets[nip], official_layout().table.tab,
                     {fix_cell: corrected})),
        Event(at(closing, time(15, 10)), f"{name[Role.KS]} menyatakan baris itu Sesuai",
              _typer(desk, email[Role.KS], master, recap.tab,
                     {f"{recap.col('review')}{returned_row}": "Sesuai",
                      f"{recap.col('review_reason')}{returned_row}": ""})),
        Event(at(closing, time(15, 20)), f"{name[Role.KS]} {verb}: diverifikasi (KS)",
              tick(Role.KS)),
        Event(at(ctx.calendar.add_working_days(closing, 1), time(9, 0)),
              f"{name[Role.SK]} {verb}: diperiksa (SK)", tick(Role.SK)),
        Event(at(ctx.calendar.add_working_days(closing, 1), time(13, 10)),
              f"{name[Role.KD]} {verb}: disahkan (KD)", tick(Role.KD)),
    ]


def _working_day_after(ctx: JobContext, day: date, n: int) -> date:
    return ctx.calendar.add_working_days(day, n)


def _typer(desk: Desk, who: str, key: str, tab: str,
           cells: dict[str, object]) -> Callable[[], None]:
    return lambda: desk.type_values(who, key, tab, cells)


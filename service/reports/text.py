"""Plain-text rendering of a month's status for the terminal."""

from __future__ import annotations

from service.domain.words import waktu
from service.reports.month import MonthOverview


def format_status(status: MonthOverview) -> str:
    lines = [f"Periode {status.period.label} ({status.period}) — status: {status.status}", ""]
    width = max((len(o.name) for o in status.officials), default=10)
    lines.append(f"{'Pejabat':<{width}}  {'Status':<22} {'Isi':>7}  Dikirim")
    for o in status.officials:
        sent = waktu(o.submitted_at) if o.submitted_at else "-"
        lines.append(f"{o.name:<{width}}  {o.state:<22} {o.filled:>3}/{o.rows:<3}  {sent}")
    lines.append("")
    chain = ", ".join(f"{role} {waktu(at)}" for role, at in status.signoffs.items()) or "belum ada"
    lines.append(f"Pengesahan: {chain}")
    if status.reminders:
        sent = ", ".join(f"{k}: {v}" for k, v in sorted(status.reminders.items()))
        lines.append(f"Email: {sent}")
    if status.findings:
        lines.append(f"Catatan validasi terbuka: {len(status.findings)}")
        lines += [f"  - {name} {code}: {message}" for name, code, message in status.findings]
    if status.archive_dir:
        lines.append(f"Arsip: {status.archive_dir}")
    return "\n".join(lines)

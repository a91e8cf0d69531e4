"""The service's emails, in formal Indonesian, as plain text plus HTML.

Functions take plain values (names, dates, links) rather than database objects, so the
wording can be read and tested here without a store. Everything that came from a person
(names, units, indicators, reasons) is HTML-escaped; links become anchors only when they are
http(s), so a stored value can never smuggle script into the HTML part.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from email.utils import formataddr
from html import escape
from typing import NamedTuple

from service.domain.words import ROLE_TITLES, tanggal, waktu
from service.notify.mailer import OutgoingMail

DEFAULT_SIGNATURE = "Subbagian Penyusunan Program"
_FOOTER = "Pesan ini dikirim otomatis oleh layanan kinerja-sheets; mohon tidak dibalas."


class LateOfficial(NamedTuple):
    """One row of an escalation: who is late, where, with how much, for how long."""

    name: str
    unit: str
    missing_count: int
    days_late: int


# -- building blocks: each returns the same content as (plain text, HTML) -------------------

Block = tuple[str, str]


def _p(text: str) -> Block:
    # Plain text is left unwrapped: mail clients wrap it, and a date or a name split
    # across lines would defeat anyone (or any test) searching the text for it.
    return text, f"<p>{escape(text)}</p>"


def _items(items: Sequence[str]) -> Block:
    plain = "\n".join(f"  {n}. {item}" for n, item in enumerate(items, 1))
    html = "".join(f"<li>{escape(item)}</li>" for item in items)
    return plain, f"<ol>{html}</ol>"


def _link(url: str) -> Block:
    if not url.strip():  # callers pass "" while a sheet has no address yet
        return "  (tautan belum tersedia)", "<p><em>(tautan belum tersedia)</em></p>"
    safe = escape(url, quote=True)
    if url.startswith(("https://", "http://")):
        return f"  {url}", f'<p><a href="{safe}">{safe}</a></p>'
    return f"  {url}", f"<p><code>{safe}</code></p>"


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> Block:
    cells = [[str(c) for c in row] for row in rows]
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *cells, strict=True)]
    line = "  " + " | ".join("{:<%d}" % w for w in widths)  # noqa: UP031 - width template
    plain = "\n".join(line.format(*row).rstrip() for row in [list(headers), *cells])
    head = "".join(f'<th style="text-align:left">{escape(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>"
                   for row in cells)
    return plain, (f'<table border="1" cellpadding="4" style="border-collapse:collapse">'
                   f"<tr>{head}</tr>{body}</table>")


def _compose(*, to: Sequence[str], subject: str, salutation: str, blocks: Sequence[Block],
             message_id: str, signature: str, cc: Sequence[str] = ()) -> OutgoingMail:
    """Wrap the blocks in the letter form every message shares: salutation, 'Dengan hormat',
    body, thanks, signature, and the automatic-message footer."""
    parts: list[Block] = [_p(salutation), _p("Dengan hormat,"), *blocks,
                          _p("Atas perhatian dan kerja sama Bapak/Ibu, kami ucapkan terima kasih.")]
    text = "\n\n".join(plain for plain, _ in parts)
    text += f"\n\nHormat kami,\n{signature}\n\n-- \n{_FOOTER}\n"
    html = "\n".join(h for _, h in parts)
    html = (f'<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8">'
            f"<title>{escape(subject)}</title></head>\n"
            f'<body style="font-family:Arial,sans-serif;font-size:14px">\n{html}\n'
            f"<p>Hormat kami,<br>{escape(signature)}</p>\n"
            f'<p style="color:#777;font-size:12px">{escape(_FOOTER)}</p>\n</body></html>\n')
    return OutgoingMail(to=tuple(to), subject=" ".join(subject.split()), text=text, html=html,
                        message_id=message_id, cc=tuple(cc))


def _addr(name: str, email: str) -> str:
    """'Nama <alamat>' so the mailbox shows who it is for; whitespace folded to one line."""
    return formataddr((" ".join(name.split()), email.strip()))


def _prefix(period_label: str) -> str:
    return f"[Kinerja {period_label}]"


def _missing(missing_indicators: Sequence[str]) -> list[Block]:
    if not missing_indicators:
        return [_p("Seluruh indikator telah terisi, namun lembar kerja belum ditandai "
                   "\u201cdata lengkap \u2014 kirim\u201d.")]
    return [_p(f"Menurut catatan kami, {len(missing_indicators)} indikator berikut "
               "belum dilengkapi:"), _items(missing_indicators)]


def _ask_to_fill(sheet_link: str) -> list[Block]:
    return [
        _p("Mohon kiranya Bapak/Ibu melengkapi realisasi, tautan bukti dukung, kendala dan "
           "rencana tindak lanjut pada lembar kerja berikut, kemudian mencentang "
           "\u201cdata lengkap \u2014 kirim\u201d:"),
        _link(sheet_link),
    ]


# -- reminders to officials ------------------------------------------------------------------

IGNORE_IF_DONE = "Apabila Bapak/Ibu telah melengkapi data, mohon abaikan pesan ini."


def _official_reminder(official_name: str, email: str, period_label: str,
                       missing_indicators: Sequence[str], sheet_link: str, message_id: str,
                       signature: str, subject: str, opening: str, closing: str) -> OutgoingMail:
    """The letter all three reminders share; they differ in subject, opening and closing."""
    return _compose(
        to=[_addr(official_name, email)], message_id=message_id, signature=signature,
        subject=f"{_prefix(period_label)} {subject}",
        salutation=f"Yth. Bapak/Ibu {official_name},",
        blocks=[_p(opening), *_missing(missing_indicators), *_ask_to_fill(sheet_link),
                _p(closing)],
    )


def reminder_before_deadline(
    official_name: str, email: str, period_label: str, deadline: date,
    missing_indicators: Sequence[str], sheet_link: str, message_id: str, *,
    signature: str = DEFAULT_SIGNATURE,
) -> OutgoingMail:
    """The friendly reminder, the working day before the deadline."""
    return _official_reminder(
        official_name, email, period_label, missing_indicators, sheet_link, message_id,
        signature, f"Pengingat: batas waktu pengisian data kinerja {tanggal(deadline)}",
        f"Bersama ini kami sampaikan pengingat bahwa batas waktu pengisian realisasi "
        f"kinerja periode {period_label} jatuh pada {tanggal(deadline)}.", IGNORE_IF_DONE)


def reminder_on_deadline(
    official_name: str, email: str, period_label: str, deadline: date,
    missing_indicators: Sequence[str], sheet_link: str, message_id: str, *,
    signature: str = DEFAULT_SIGNATURE,
) -> OutgoingMail:
    """The reminder on the day itself."""
    return _official_reminder(
        official_name, email, period_label, missing_indicators, sheet_link, message_id,
        signature, "Hari ini batas waktu pengisian data kinerja",
        f"Hari ini, {tanggal(deadline)}, merupakan batas waktu pengisian realisasi "
        f"kinerja periode {period_label}.", IGNORE_IF_DONE)


def overdue_notice(
    official_name: str, email: str, period_label: str, deadline: date,
    missing_indicators: Sequence[str], sheet_link: str, message_id: str, *,
    days_late: int | None = None, signature: str = DEFAULT_SIGNATURE,
) -> OutgoingMail:
    """The notice on each working day after the deadline; says why lateness matters."""
    late = f" (terlambat {days_late} hari kerja)" if days_late else ""
    return _official_reminder(
        official_name, email, period_label, missing_indicators, sheet_link, message_id,
        signature, f"Data kinerja melewati batas waktu{late}",
        f"Batas waktu pengisian realisasi kinerja periode {period_label}, yaitu "
        f"{tanggal(deadline)}, telah terlewati{late}, dan data Bapak/Ibu belum kami terima.",
        "Keterlambatan data menghambat penyusunan laporan kinerja (SAKIP) dan perhitungan "
        "Tambahan Penghasilan Pegawai (TPP). Mohon data dapat segera dilengkapi.")


# -- messages to the compiler, the Kasubag and the approvers ---------------------------------

def escalation(
    to: Sequence[str], period_label: str, deadline: date, late: Sequence[LateOfficial],
    recap_link: str, message_id: str, *, cc: Sequence[str] = (),
    signature: str = DEFAULT_SIGNATURE,
) -> OutgoingMail:
    """To the compiler (Penyusun Program) and the Kasubag: everyone still late, in one table."""
    rows = [(n, o.name, o.unit, o.missing_count, o.days_late) for n, o in enumerate(late, 1)]
    return _compose(
        to=to, cc=cc, message_id=message_id, signature=signature,
        subject=f"{_prefix(period_label)} Eskalasi: {len(late)} penanggung jawab belum "
                "menyampaikan data kinerja",
        salutation="Yth. Bapak/Ibu Penyusun Program dan Kasubag Penyusunan Program,",
        blocks=[
            _p(f"Bersama ini kami laporkan bahwa sampai dengan hari ini {len(late)} penanggung "
               f"jawab belum menyampaikan data kinerja periode {period_label} (batas waktu "
               f"{tanggal(deadline)}), meskipun telah menerima pengingat:"),
            _table(("No", "Nama", "Unit", "Indikator belum diisi", "Terlambat (hari kerja)"),
                   rows),
            _p("Mohon kiranya Bapak/Ibu berkenan menindaklanjuti dengan penanggung jawab "
               "yang bersangkutan. Rekap induk dapat dilihat pada tautan berikut:"),
            _link(recap_link),
        ],
    )


def returned_row(
    official_name: str, email: str, period_label: str, indicator: str, reason: str,
    sheet_link: str, message_id: str, *, fix_by: date | None = None,
    reviewer: str = "Kasubag Penyusunan Program", cc: Sequence[str] = (),
    signature: str = DEFAULT_SIGNATURE,
) -> OutgoingMail:
    """A row the Kasubag marked 'Tidak Sesuai': which one, why, and that its cells are open.
    The compiler (PP) is copied: SOP step 4 has them carry the return to the official."""
    deadline = f" paling lambat {tanggal(fix_by)}" if fix_by else ""
    return _compose(
        to=[_addr(official_name, email)], cc=cc, message_id=message_id, signature=signature,
        subject=f"{_prefix(period_label)} Data dikembalikan untuk perbaikan",
        salutation=f"Yth. Bapak/Ibu {official_name},",
        blocks=[
            _p(f"Berdasarkan hasil verifikasi {reviewer} atas data kinerja periode "
               f"{period_label}, data indikator berikut dinyatakan Tidak Sesuai:"),
            _table(("Indikator", "Alasan"), [(indicator, reason)]),
            _p("Sel pada baris tersebut telah dibuka kembali dan alasannya tercantum sebagai "
               f"catatan pada sel terkait. Mohon kiranya data diperbaiki{deadline}, kemudian "
               "dicentang kembali \u201cdata lengkap \u2014 kirim\u201d, melalui lembar kerja "
               "berikut:"),
            _link(sheet_link),
        ],
    )


def signoff_waiting(
    approver_name: str, email: str, period_label: str, role: str,
    waiting_since: datetime | date,
    recap_link: str, message_id: str, *, personal_link: str | None = None,
    signature: str = DEFAULT_SIGNATURE,
) -> OutgoingMail:
    """A sign-off that has waited on one approver longer than its standard. `role` is a code
    (PP/KS/SK/KD) or the role's Indonesian name. With a `personal_link` (local mode, where a
    tick in the workbook proves nothing) the approver is asked to sign through it instead."""
    by_name = {name: (name, action) for name, action in ROLE_TITLES.values()}
    role_name, action = ROLE_TITLES.get(role) or by_name.get(role) or (role, "pengesahan")
    since = waktu(waiting_since) if isinstance(waiting_since, datetime) else tanggal(waiting_since)
    return _compose(
        to=[_addr(approver_name, email)], message_id=message_id, signature=signature,
        subject=f"{_prefix(period_label)} Menunggu {action} Bapak/Ibu sebagai {role_name}",
        salutation=f"Yth. Bapak/Ibu {approver_name},",
        blocks=[
            _p(f"Rekap data kinerja periode {period_label} menunggu {action} Bapak/Ibu "
               f"selaku {role_name} sejak {since}."),
            *([_p("Mohon kiranya Bapak/Ibu memeriksa rekap induk, lalu mengesahkan melalui "
                  "tautan pribadi berikut (jangan diteruskan kepada orang lain):"),
               _link(personal_link)] if personal_link else
              [_p(f"Mohon kiranya Bapak/Ibu memeriksa rekap induk dan mencentang kotak Centang "
                  f"pada baris {role_name} di tab Pengesahan, melalui tautan berikut:"),
               _link(recap_link)]),
            _p("Pengesahan dilakukan berurutan (Penyusun Program, Kasubag Penyusunan Program, "
               "Sekretaris, Kepala Dinas); tahap berikutnya baru dapat berjalan setelah "
               "centang Bapak/Ibu."),
        ],
    )

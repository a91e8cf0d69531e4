"""The Indonesian messages: key phrases, the date formatter, and escaping of people's text."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from service.domain.words import tanggal
from service.notify import messages
from service.notify.mailer import OutgoingMail, build_message
from service.notify.messages import LateOfficial

DEADLINE = date(2026, 11, 2)
LINK = "https://docs.google.com/spreadsheets/d/abc123/edit?gid=0&range=A1"
MISSING = ["Persentase penduduk yang memiliki KTP-el", "Jumlah akta kelahiran terbit"]
MID = "<reminder.2026-10.196512312000011001@kinerja.local>"


def reminder(kind: str, name: str = "Siti Aminah", **extra: object) -> OutgoingMail:
    build = getattr(messages, kind)
    return build(name, "siti@example.go.id", "Oktober 2026", DEADLINE, MISSING, LINK, MID,
                 **extra)


@pytest.mark.parametrize(("day", "expected"), [
    (date(2026, 11, 2), "Senin, 2 November 2026"),
    (date(2026, 11, 1), "Minggu, 1 November 2026"),
    (date(2026, 1, 1), "Kamis, 1 Januari 2026"),
    (date(2026, 8, 17), "Senin, 17 Agustus 2026"),
    (date(2027, 2, 5), "Jumat, 5 Februari 2027"),
])
def test_tanggal_writes_indonesian_dates_without_a_locale(day: date, expected: str) -> None:
    assert tanggal(day) == expected
    assert tanggal(day, weekday=False) == expected.split(", ")[1]


@pytest.mark.parametrize("kind", [
    "reminder_before_deadline", "reminder_on_deadline", "overdue_notice"])
def test_reminders_name_the_period_deadline_missing_indicators_and_link(kind: str) -> None:
    mail = reminder(kind)

    assert mail.subject.startswith("[Kinerja Oktober 2026] ")
    assert mail.to == ("Siti Aminah <siti@example.go.id>",)
    assert mail.message_id == MID
    for part in (mail.text, mail.html):
        assert "Yth. Bapak/Ibu Siti Aminah," in part
        assert "Dengan hormat," in part
        assert "periode Oktober 2026" in part
        assert "Senin, 2 November 2026" in part
        assert "Hormat kami," in part
        for indicator in MISSING:
            assert indicator in part
    assert LINK in mail.text
    assert 'href="https://docs.google.com/spreadsheets/d/abc123/edit?gid=0&amp;range=A1"' in (
        mail.html)


def test_each_reminder_says_where_the_deadline_stands() -> None:
    assert "batas waktu pengisian realisasi kinerja periode Oktober 2026 jatuh pada Senin, " \
           "2 November 2026" in reminder("reminder_before_deadline").text
    assert "Hari ini, Senin, 2 November 2026, merupakan batas waktu" in reminder(
        "reminder_on_deadline").text
    overdue = reminder("overdue_notice", days_late=2)
    assert "telah terlewati (terlambat 2 hari kerja)" in overdue.text
    assert "(TPP)" in overdue.text
    assert overdue.subject == ("[Kinerja Oktober 2026] Data kinerja melewati batas waktu "
                               "(terlambat 2 hari kerja)")


def test_a_complete_but_unsubmitted_sheet_is_told_to_tick_submit() -> None:
    mail = messages.reminder_on_deadline("Siti", "siti@example.go.id", "Oktober 2026",
                                         DEADLINE, [], LINK, MID)

    assert "Seluruh indikator telah terisi" in mail.text
    assert "\u201cdata lengkap \u2014 kirim\u201d" in mail.text


def test_html_escapes_what_people_typed() -> None:
    mail = reminder("overdue_notice", name="Budi <script>alert(1)</script>")
    returned = messages.returned_row(
        "Budi", "budi@example.go.id", "Oktober 2026", "Indikator <b>tebal</b>",
        "Bukti <script>x()</script> & salah", LINK, MID)

    assert "<script>" not in mail.html
    assert "Yth. Bapak/Ibu Budi &lt;script&gt;alert(1)&lt;/script&gt;," in mail.html
    assert "Yth. Bapak/Ibu Budi <script>alert(1)</script>," in mail.text  # plain stays plain
    assert "<script>" not in returned.html and "<b>tebal</b>" not in returned.html
    assert "Bukti &lt;script&gt;x()&lt;/script&gt; &amp; salah" in returned.html


def test_a_link_that_is_not_http_is_never_an_anchor() -> None:
    mail = messages.reminder_before_deadline("Siti", "s@example.go.id", "Oktober 2026",
                                             DEADLINE, MISSING, "javascript:alert(1)", MID)

    assert "href=" not in mail.html
    assert "<code>javascript:alert(1)</code>" in mail.html


def test_a_missing_link_is_said_plainly() -> None:
    mail = messages.returned_row("Siti", "s@example.go.id", "Oktober 2026", "I", "R", "", MID)

    assert "(tautan belum tersedia)" in mail.text and "(tautan belum tersedia)" in mail.html


def test_escalation_lists_everyone_late_for_compiler_and_kasubag() -> None:
    late = [LateOfficial("Budi Santoso", "Seksi Pendaftaran Penduduk", 3, 4),
            LateOfficial("Dewi <i>", "Seksi PIAK & Inovasi", 1, 2)]

    mail = messages.escalation(["pp@example.go.id", "kasubag@example.go.id"], "Oktober 2026",
                               DEADLINE, late, "https://kinerja.local/rekap", MID)

    assert mail.to == ("pp@example.go.id", "kasubag@example.go.id")
    assert mail.subject == ("[Kinerja Oktober 2026] Eskalasi: 2 penanggung jawab belum "
                            "menyampaikan data kinerja")
    assert "Yth. Bapak/Ibu Penyusun Program dan Kasubag Penyusunan Program," in mail.text
    assert "batas waktu Senin, 2 November 2026" in mail.text
    assert "1  | Budi Santoso | Seksi Pendaftaran Penduduk | 3" in mail.text
    assert "<td>Budi Santoso</td><td>Seksi Pendaftaran Penduduk</td><td>3</td><td>4</td>" in (
        mail.html)
    assert "<td>Dewi &lt;i&gt;</td><td>Seksi PIAK &amp; Inovasi</td>" in mail.html


def test_a_returned_row_names_the_indicator_the_reason_and_the_reopened_cells() -> None:
    mail = messages.returned_row(
        "Siti Aminah", "siti@example.go.id", "Oktober 2026", MISSING[0],
        "Bukti dukung tidak sesuai dengan realisasi", LINK, MID, fix_by=date(2026, 11, 4))

    assert mail.subject == "[Kinerja Oktober 2026] Data dikembalikan untuk perbaikan"
    for part in (mail.text, mail.html):
        assert "dinyatakan Tidak Sesuai" in part
        assert MISSING[0] in part
        assert "Bukti dukung tidak sesuai dengan realisasi" in part
        assert "telah dibuka kembali" in part
        assert "paling lambat Rabu, 4 November 2026" in part


@pytest.mark.parametrize(("role", "name", "action"), [
    ("PP", "Penyusun Program", "penyelesaian rekap"),
    ("KS", "Kasubag Penyusunan Program", "verifikasi"),
    ("Sekretaris", "Sekretaris", "pemeriksaan"),
    ("Kepala Dinas", "Kepala Dinas", "pengesahan"),
])
def test_signoff_waiting_names_the_role_and_since_when(role: str, name: str, action: str) -> None:
    mail = messages.signoff_waiting("Drs. Hadi", "hadi@example.go.id", "Oktober 2026", role,
                                    datetime(2026, 11, 6, 9, 5), "https://kinerja.local/rekap",
                                    MID)

    assert mail.subject == f"[Kinerja Oktober 2026] Menunggu {action} Bapak/Ibu sebagai {name}"
    assert (f"menunggu {action} Bapak/Ibu selaku {name} sejak Jumat, 6 November 2026 "
            "pukul 09.05") in mail.text
    assert f"mencentang kotak Centang pada baris {name} di tab Pengesahan" in mail.text


def test_in_local_mode_the_approver_gets_the_personal_link_instead() -> None:
    mail = messages.signoff_waiting("Drs. Hadi", "hadi@example.go.id", "Oktober 2026", "KD",
                                    datetime(2026, 11, 6, 9, 5), "https://kinerja.local/rekap",
                                    MID, personal_link="https://kinerja.local/pengesahan/abc")
    assert "tautan pribadi berikut" in mail.text
    assert "https://kinerja.local/pengesahan/abc" in mail.text
    assert "mencentang" not in mail.text


def test_every_message_builds_into_a_two_part_email() -> None:
    built = [
        reminder("reminder_before_deadline"), reminder("reminder_on_deadline"),
        reminder("overdue_notice"),
        messages.escalation(["pp@x.go.id"], "Oktober 2026", DEADLINE,
                            [LateOfficial("A", "B", 1, 1)], LINK, MID),
        messages.returned_row("A", "a@x.go.id", "Oktober 2026", "I", "R", LINK, MID),
        messages.signoff_waiting("A", "a@x.go.id", "Oktober 2026", "KD", date(2026, 11, 6),
                                 LINK, MID),
    ]
    for mail in built:
        message = build_message(mail, "kinerja@kinerja.local")
        assert [p.get_content_type() for p in message.iter_parts()] == [
            "text/plain", "text/html"]
        assert mail.html.startswith("<!DOCTYPE html>")
        assert "\n" not in mail.subject

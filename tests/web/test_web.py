"""The web app against a month that really ran: the demo's jobs fill the workspace first.

Building the data through `run_demo` (provision, pulls, reminders, sign-offs, archive) rather
than inserting rows keeps these tests honest about what the page shows for a real month.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, select

from service.bootstrap import build_context
from service.config import Settings
from service.context import JobContext
from service.demo.run import run_demo
from service.domain.period import Period
from service.store.models import OfficialRow
from service.web import create_app

pytestmark = pytest.mark.month  # a whole demo month: not in the fast tier

PERIOD = Period(2026, 10)
OFFICIALS = (
    "Agus Salim Hidayat, S.Sos., M.AP.", "Sri Rahayu Ningsih, S.H.",
    "Mochamad Rizal Fahmi, S.AP.", "Endang Susilowati, S.E., M.M.", "Yudi Kurniawan, S.Kom.",
    "Lilik Handayani, S.Sos.", "Heru Santoso, S.T., M.T.", "Fitri Anggraeni, S.Kom.",
    "Sugeng Riyadi, S.Sos.", "Nur Aini Rahmawati, S.Si.", "Wahyu Hidayat, S.H.",
    "Siti Maemunah, S.E.",
)


@pytest.fixture(scope="module")
def ctx(tmp_path_factory: pytest.TempPathFactory) -> JobContext:
    workspace = tmp_path_factory.mktemp("web") / "ws"
    assert run_demo(workspace, PERIOD) == 0
    return build_context(Settings.from_env(str(workspace)))


@pytest.fixture(scope="module")
def app(ctx: JobContext) -> Flask:
    return create_app(ctx)


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(scope="module")
def page(app: Flask) -> str:
    response = app.test_client().get(f"/periode/{PERIOD}")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    return response.get_data(as_text=True)


def test_health_really_asks_the_database(client: FlaskClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok", "backend": "local"}


def test_health_is_503_when_the_database_does_not_answer(
    ctx: JobContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ctx.db, "engine",
                        create_engine("sqlite:////nonexistent-dir/kinerja.sqlite3"))
    response = create_app(ctx).test_client().get("/health")
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "error"
    assert body["database"].startswith("error: ")
    assert body["backend"] == "local"


def test_root_redirects_to_the_latest_month(client: FlaskClient) -> None:
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/periode/2026-10"


def test_root_without_any_month_says_how_to_provision(tmp_path: Path) -> None:
    empty = build_context(Settings.from_env(str(tmp_path / "kosong")))
    response = create_app(empty).test_client().get("/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Belum ada bulan yang disiapkan" in html
    assert "kinerja provision YYYY-MM" in html


def test_page_lists_every_official_with_their_submission(page: str) -> None:
    assert '<html lang="id">' in page
    for name in OFFICIALS:
        assert name in page
    assert page.count('<span class="state state-terkirim">terkirim</span>') == 12
    assert page.count('<td class="num">3/3</td>') == 11  # Yudi has four indicators
    assert '<td class="num">4/4</td>' in page
    # Agus, in office time (WIB), machine-readable too; `waktu` may add the zone's name
    assert ('<time datetime="2026-10-29T09:15:00+07:00">Kamis, 29 Oktober 2026 pukul 09.15'
            in page)
    assert "12 dari 12 pejabat sudah mengirim data" in page


def test_page_shows_the_month_archived_and_its_folder(page: str, ctx: JobContext) -> None:
    assert "Status bulan: <strong>diarsip" in page
    folder = ctx.settings.archive_dir / ctx.office / str(PERIOD) / "v1"
    assert str(folder) in page


def test_page_shows_the_four_signoffs_in_order(page: str) -> None:
    signed = r"<strong>(PP|KS|SK|KD)</strong> — [^:]+:\s+dicentang <time[^>]*>([^<]+)</time>"
    chain = re.findall(signed, page)
    assert [role for role, _ in chain] == ["PP", "KS", "SK", "KD"]
    assert chain[0][1].startswith("Kamis, 5 November 2026 pukul 09.05")
    assert chain[3][1].startswith("Jumat, 6 November 2026 pukul 13.10")
    assert "belum</li>" not in page


def test_page_shows_the_sla_table(page: str) -> None:
    for header in ("Langkah", "Pelaksana", "Mulai", "Selesai", "Waktu kerja", "Standar",
                   "Status"):
        assert f'<th scope="col">{header}</th>' in page
    steps = re.findall(r'<th scope="row">(\d)\. ', page)
    assert steps == ["1", "2", "3", "4", "5", "6", "7", "8"]
    assert "Pengarsipan laporan bulanan" in page
    assert "paling lambat tanggal 5" in page
    assert '<span class="sla sla-melebihi">melebihi</span>' in page  # KS took 3 hours
    assert "3 jam" in page


def test_page_summarises_reminders_and_findings(page: str) -> None:
    assert ("<td>eskalasi ke Penyusun Program dan Kasubag</td><td>terkirim</td>"
            '<td class="num">1</td>') in page
    assert "(sent)" not in page
    assert "Tidak ada temuan yang terbuka." in page


def test_names_from_the_roster_are_html_escaped(ctx: JobContext, client: FlaskClient) -> None:
    evil = '<script>alert("x")</script> Budi & Co'
    with ctx.db.session() as session:
        row = session.scalar(select(OfficialRow).where(OfficialRow.name == OFFICIALS[0]))
        assert row is not None
        row.name = evil
    try:
        html = client.get(f"/periode/{PERIOD}").get_data(as_text=True)
        api = client.get(f"/api/periode/{PERIOD}").get_json()
    finally:
        with ctx.db.session() as session:
            row = session.scalar(select(OfficialRow).where(OfficialRow.name == evil))
            assert row is not None
            row.name = OFFICIALS[0]
    assert "<script" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; Budi &amp; Co" in html
    assert api["officials"][0]["name"] == evil  # JSON carries the value as stored


@pytest.mark.parametrize("link, anchor", [
    ("https://docs.google.com/spreadsheets/d/abc?x=1&y=2", True),
    ("javascript:alert(1)", False),
])
def test_only_http_sheet_links_become_anchors(
    ctx: JobContext, monkeypatch: pytest.MonkeyPatch, link: str, anchor: bool
) -> None:
    monkeypatch.setattr(ctx.backend, "link", lambda key: link)
    html = create_app(ctx).test_client().get(f"/periode/{PERIOD}").get_data(as_text=True)
    if anchor:
        assert html.count('<a href="https://docs.google.com/spreadsheets/d/abc?x=1&amp;y=2"'
                          ' aria-label="Buka lembar kerja ') == 12
    else:
        assert "href=\"javascript" not in html
        assert html.count('<code class="path">javascript:alert(1)</code>') == 12


def test_pages_forbid_scripts(client: FlaskClient) -> None:
    policy = client.get(f"/periode/{PERIOD}").headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy


@pytest.mark.parametrize("period, expected", [
    ("2026-13", "tidak valid"),
    ("1999-01", "Januari 1999 belum disiapkan"),
    ("oktober", "Gunakan format YYYY-MM"),
])
def test_unknown_or_malformed_period_is_404_in_indonesian(
    client: FlaskClient, period: str, expected: str
) -> None:
    for url in (f"/periode/{period}", f"/api/periode/{period}"):
        response = client.get(url)
        assert response.status_code == 404
        html = response.get_data(as_text=True)
        assert "Halaman tidak ditemukan" in html
        assert expected in html


def test_other_unknown_pages_are_404_without_english(client: FlaskClient) -> None:
    response = client.get("/tidak-ada")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "Alamat yang diminta tidak ada." in html
    assert "requested URL" not in html


def test_api_gives_the_same_data_as_json(client: FlaskClient) -> None:
    response = client.get(f"/api/periode/{PERIOD}")
    assert response.status_code == 200
    data = response.get_json()
    assert list(data) == ["period", "label", "status", "officials", "signoffs", "findings",
                          "reminders", "sla", "archive_dir"]
    assert (data["period"], data["label"], data["status"]) == ("2026-10", "Oktober 2026",
                                                               "diarsip")
    assert [o["name"] for o in data["officials"]] == list(OFFICIALS)
    first = data["officials"][0]
    assert set(first) == {"nip", "name", "unit", "state", "rows", "filled", "flagged",
                          "returned", "submitted_at", "sheet"}
    assert first["submitted_at"] == "2026-10-29T09:15:00+07:00"  # the tick, not the pull
    assert [(s["role"], s["signed_at"]) for s in data["signoffs"]] == [
        ("PP", "2026-11-05T09:05:00+07:00"), ("KS", "2026-11-05T15:20:00+07:00"),
        ("SK", "2026-11-06T09:00:00+07:00"), ("KD", "2026-11-06T13:10:00+07:00")]
    assert [row["step"] for row in data["sla"]] == [1, 2, 3, 4, 5, 6, 7, 8]
    step3 = data["sla"][2]
    assert (step3["working_minutes"], step3["status"], step3["met"]) == (235.0, "melebihi",
                                                                         False)
    assert {"kind": "eskalasi", "state": "sent", "count": 1} in data["reminders"]
    assert data["findings"] == []
    assert data["archive_dir"].endswith("/arsip/dukcapil-mojokerto/2026-10/v1")


def test_static_css_is_served_locally(client: FlaskClient) -> None:
    response = client.get("/static/kinerja.css")
    assert response.status_code == 200
    assert b"http" not in response.data  # no external assets: the server has no internet


def test_the_history_page_shows_old_and_new_values(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/riwayat/198306172009011003")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Mochamad Rizal Fahmi" in html
    assert "± 300 dok" in html and "PDH-01" in html
    assert client.get("/periode/2026-10").get_data(as_text=True).count("/riwayat/") == 12
    assert client.get("/riwayat/000000000000000000").status_code == 404

"""`kinerja demo` is self-contained in its workspace, whatever the environment holds."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from service.cli import main
from service.demo.run import prepare_workspace
from tests.notify.conftest import SmtpTestServer, smtp_server, start_smtp_server

__all__ = ["smtp_server", "start_smtp_server"]  # fixtures used below


def test_an_existing_empty_folder_is_a_normal_choice(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    workspace.mkdir()
    prepare_workspace(workspace)
    assert sorted(p.name for p in workspace.iterdir()) == [".kinerja-demo"]


def test_a_folder_with_other_files_is_never_emptied(tmp_path: Path) -> None:
    (tmp_path / "laporan.xlsx").write_text("milik orang lain")
    with pytest.raises(SystemExit, match="sudah berisi berkas lain"):
        prepare_workspace(tmp_path)
    assert (tmp_path / "laporan.xlsx").read_text() == "milik orang lain"
    (tmp_path / "berkas").write_text("x")
    with pytest.raises(SystemExit, match="adalah berkas, bukan folder"):
        prepare_workspace(tmp_path / "berkas")


@pytest.mark.month
def test_the_demo_leaves_production_database_mail_and_drive_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, smtp_server: SmtpTestServer,
        capsys: pytest.CaptureFixture[str]) -> None:
    production_db = tmp_path / "produksi" / "kinerja.sqlite3"
    monkeypatch.setenv("KINERJA_DATABASE_URL", f"sqlite:///{production_db}")
    monkeypatch.setenv("KINERJA_SMTP_HOST", smtp_server.host)
    monkeypatch.setenv("KINERJA_SMTP_PORT", str(smtp_server.port))
    monkeypatch.setenv("KINERJA_MAIL_FROM", "Kinerja Kab. Contoh <kinerja@contoh.go.id>")
    monkeypatch.setenv("KINERJA_BACKEND", "google")
    monkeypatch.setenv("KINERJA_GOOGLE_FOLDER", "folder-produksi")
    monkeypatch.setenv("KINERJA_LETTERHEAD",
                       "PEMERINTAH KABUPATEN CONTOH|DINAS KEPENDUDUKAN KABUPATEN CONTOH")
    workspace = tmp_path / "ws"
    workspace.mkdir()

    assert main(["demo", "--workspace", str(workspace)]) == 0

    out = capsys.readouterr().out
    assert "backend: local; email: OutboxMailer" in out
    assert "mandiri: basis data, lembar kerja dan email (.eml) hanya di folder ini" in out
    assert f"basis data   : sqlite:///{workspace / 'kinerja.sqlite3'}" in out
    assert not production_db.parent.exists()
    assert smtp_server.handler.envelopes == []
    emails = list((workspace / "outbox").glob("*.eml"))
    assert emails and all(b"@contoh.go.id>" in e.read_bytes() for e in emails)
    recap = next((workspace / "arsip").rglob("rekap-induk.pdf"))
    first_page = PdfReader(recap).pages[0].extract_text()
    assert "PEMERINTAH KABUPATEN CONTOH" in first_page
    assert "PEMERINTAH KOTA MOJOKERTO" not in first_page

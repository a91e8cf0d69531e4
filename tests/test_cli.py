"""The `kinerja` commands as a user types them."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from service.cli import main
from tests.conftest import SAMPLE_ROSTER


def test_roster_import_refuses_a_wrong_roster_naming_row_and_column(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workbook = load_workbook(SAMPLE_ROSTER)
    people = workbook["Pegawai"]
    people["D3"] = "bukan-email"
    people["A4"] = people["A2"].value
    broken = tmp_path / "salah.xlsx"
    workbook.save(broken)
    code = main(["roster", "import", str(broken), "--workspace", str(tmp_path / "ws")])
    err = capsys.readouterr().err
    assert code == 2
    assert "Pegawai baris 3, kolom Email: alamat email 'bukan-email' tidak valid" in err
    assert "Pegawai baris 4, kolom NIP: NIP 197003121995031001 ganda (sudah ada di baris 2)" \
        in err
    assert not (tmp_path / "ws" / "kinerja.sqlite3").exists()


def test_a_month_through_the_everyday_commands(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    ws = ["--workspace", str(tmp_path / "ws")]
    assert main(["roster", "import", str(SAMPLE_ROSTER), *ws]) == 0
    assert "16 pegawai dan 37 indikator diimpor" in capsys.readouterr().out
    assert main(["provision", "2026-10", *ws]) == 0
    assert "12 lembar pejabat dan 1 rekap induk" in capsys.readouterr().out
    assert main(["pull", "2026-10", *ws]) == 0
    assert "0/12 pejabat sudah mengirim" in capsys.readouterr().out
    assert main(["status", "2026-10", *ws]) == 0
    out = capsys.readouterr().out
    assert "Agus Salim Hidayat" in out and "Siti Maemunah" in out
    assert main(["deadlines", "2026-10", *ws]) == 0
    assert capsys.readouterr().out == "submission: 2026-11-02\nclosing: 2026-11-05\n"
    with pytest.raises(SystemExit):
        main(["provision", "2026-13", *ws])
    assert "bulan harus 1-12, bukan 13" in capsys.readouterr().err


def test_archive_refuses_a_month_not_yet_approved(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws = ["--workspace", str(tmp_path / "ws")]
    main(["roster", "import", str(SAMPLE_ROSTER), *ws])
    main(["provision", "2026-10", *ws])
    capsys.readouterr()
    assert main(["archive", "2026-10", *ws]) == 2
    err = capsys.readouterr().err
    assert err.startswith("GAGAL: periode 2026-10 belum disahkan Kepala Dinas")
    assert "Traceback" not in err
    assert main(["archive", "verify", "2026-10", *ws]) == 1


def test_signoff_links_give_each_approver_a_personal_url(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws = ["--workspace", str(tmp_path / "ws")]
    main(["roster", "import", str(SAMPLE_ROSTER), *ws])
    capsys.readouterr()
    assert main(["signoff", "links", "2026-10", *ws]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in out[::2]] == ["PP", "KS", "SK", "KD"]
    urls = [line.strip() for line in out[1::2]]
    assert all(u.startswith("http://127.0.0.1:5000/pengesahan/") for u in urls)
    assert len(set(urls)) == 4
    assert oct((tmp_path / "ws" / "secret.key").stat().st_mode & 0o777) == "0o600"


def test_office_days_off_and_the_day_off_rule_move_the_deadlines(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KINERJA_EXTRA_DAYS_OFF", "2026-11-02:Cuti bersama kantor")
    main(["deadlines", "2026-10", "--workspace", str(tmp_path / "ws")])
    assert capsys.readouterr().out == "submission: 2026-11-03\nclosing: 2026-11-05\n"
    monkeypatch.setenv("KINERJA_DEADLINE_ON_DAY_OFF", "previous")
    main(["deadlines", "2026-10", "--workspace", str(tmp_path / "ws")])
    assert capsys.readouterr().out == "submission: 2026-10-30\nclosing: 2026-11-05\n"


@pytest.mark.month
def test_archive_verify_checks_the_newest_finished_version(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from service.demo.run import run_demo
    from service.domain.period import Period

    ws = tmp_path / "ws"
    run_demo(ws, Period(2026, 10))
    period_dir = ws / "arsip" / "dukcapil-mojokerto" / "2026-10"
    (period_dir / "vtmp").mkdir()  # a stray folder and an unfinished version are ignored
    (period_dir / "v2").mkdir()
    capsys.readouterr()
    assert main(["archive", "verify", "2026-10", "--workspace", str(ws)]) == 0
    assert capsys.readouterr().out.strip().endswith("v1: SEMUA HASH COCOK")
    pdf = period_dir / "v1" / "rekap-induk.pdf"
    pdf.write_bytes(pdf.read_bytes()[:-10] + b"0123456789")
    assert main(["archive", "verify", "2026-10", "--workspace", str(ws)]) == 1
    assert "rekap-induk.pdf: berubah" in capsys.readouterr().out


@pytest.mark.month
def test_sla_prints_each_step_and_each_official(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from service.demo.run import run_demo
    from service.domain.period import Period

    ws = tmp_path / "ws"
    run_demo(ws, Period(2026, 10))
    capsys.readouterr()
    assert main(["sla", "2026-10", "--workspace", str(ws)]) == 0
    out = capsys.readouterr().out
    assert "8. Pengarsipan laporan bulanan" in out
    assert "Wahyu Hidayat, S.H." in out and "terlambat 2 hari kerja" in out


def test_each_month_job_is_one_registry_entry_for_the_cli_and_the_scheduler(
        capsys: pytest.CaptureFixture[str]) -> None:
    from service.domain.period import Period
    from service.jobs.registry import MONTH_JOBS
    from service.scheduler.plan import Action

    def words(text: str) -> str:
        return " ".join(text.split())

    with pytest.raises(SystemExit):
        main(["--help"])
    listing = words(capsys.readouterr().out)
    for name, job in MONTH_JOBS.items():
        assert job.help and f"{name} {words(job.help)}" in listing
        with pytest.raises(SystemExit) as exit_:
            main([name, "--help"])
        assert exit_.value.code == 0
        assert words(job.help) in words(capsys.readouterr().out)
        assert Action(name, Period(2026, 10), "uji").job == name
    with pytest.raises(ValueError, match="job 'backup' tidak dikenal"):
        Action("backup", Period(2026, 10), "uji")

"""Manifest round trip on real files, tamper detection, and the optional LibreOffice path."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from service.archive.libreoffice import convert_xlsx_to_pdf
from service.archive.manifest import (
    ManifestEntry,
    entry_for,
    latest_complete,
    next_version_dir,
    sha256_file,
    verify_manifest,
    versions,
    write_manifest,
)

META = {"periode": "2026-10", "disahkan_oleh": "Dr. Hj. Siti Nurhayati, M.Si.", "versi": 1}


def _archive(tmp_path: Path) -> Path:
    archive = tmp_path / "2026-10" / "v1"
    (archive / "pj").mkdir(parents=True)
    (archive / "rekap.pdf").write_bytes(b"%PDF-1.4 rekap " + bytes(range(256)) * 40)
    (archive / "pj" / "pejabat-01.pdf").write_bytes(b"%PDF-1.4 pejabat satu")
    (archive / "pj" / "pejabat-02.pdf").write_bytes(b"%PDF-1.4 pejabat dua")
    entries = [entry_for(archive, archive / "rekap.pdf", "rekap")]
    entries += [entry_for(archive, Path("pj") / f"pejabat-0{i}.pdf", "pj") for i in (2, 1)]
    write_manifest(archive, entries, META)
    return archive


def test_sha256_file_matches_hashlib(tmp_path: Path) -> None:
    f = tmp_path / "x.bin"
    data = b"kinerja" * 300_000  # larger than one read chunk
    f.write_bytes(data)
    assert sha256_file(f) == hashlib.sha256(data).hexdigest()


def test_round_trip_is_clean_and_file_is_stable_json(tmp_path: Path) -> None:
    archive = _archive(tmp_path)
    assert verify_manifest(archive) == []
    text = (archive / "manifest.json").read_text(encoding="utf-8")
    body = json.loads(text)
    assert body["meta"] == META
    assert [f["path"] for f in body["files"]] == [
        "pj/pejabat-01.pdf", "pj/pejabat-02.pdf", "rekap.pdf"]
    rekap = body["files"][2]
    assert rekap["kind"] == "rekap"
    assert rekap["size"] == (archive / "rekap.pdf").stat().st_size
    assert rekap["sha256"] == sha256_file(archive / "rekap.pdf")
    assert text == json.dumps(body, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert not [p for p in archive.iterdir() if p.name.startswith(".manifest-")]


def test_flipped_byte_is_reported_as_berubah(tmp_path: Path) -> None:
    archive = _archive(tmp_path)
    target = archive / "pj" / "pejabat-02.pdf"
    expected = sha256_file(target)
    data = bytearray(target.read_bytes())
    data[5] ^= 0x01
    target.write_bytes(bytes(data))
    problems = verify_manifest(archive)
    assert len(problems) == 1
    (p,) = problems
    assert (p.path, p.problem, p.expected, p.actual) == (
        "pj/pejabat-02.pdf", "berubah", expected, sha256_file(target))
    assert "pj/pejabat-02.pdf" in str(p) and "berubah" in str(p) and expected in str(p)


def test_deleted_file_is_reported_as_hilang(tmp_path: Path) -> None:
    archive = _archive(tmp_path)
    (archive / "rekap.pdf").unlink()
    problems = verify_manifest(archive)
    assert [(p.path, p.problem) for p in problems] == [("rekap.pdf", "hilang")]
    assert str(problems[0]) == "rekap.pdf: hilang"


def test_missing_manifest_is_a_problem(tmp_path: Path) -> None:
    assert [(p.path, p.problem) for p in verify_manifest(tmp_path)] == [
        ("manifest.json", "hilang")]


def test_manifest_is_never_overwritten(tmp_path: Path) -> None:
    archive = _archive(tmp_path)
    before = (archive / "manifest.json").read_bytes()
    with pytest.raises(FileExistsError):
        write_manifest(archive, [], {"periode": "2026-10", "versi": 2})
    assert (archive / "manifest.json").read_bytes() == before


@pytest.mark.parametrize("bad", ["../luar.pdf", "/etc/passwd", "pj\\a.pdf", "a//b.pdf", ""])
def test_paths_outside_the_archive_are_refused(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError):
        write_manifest(tmp_path, [ManifestEntry(bad, "0" * 64, 1, "pj")], META)
    assert not (tmp_path / "manifest.json").exists()


def test_next_version_dir(tmp_path: Path) -> None:
    period = tmp_path / "2026-10"
    assert next_version_dir(period) == period / "v1"  # period dir need not exist yet
    (period / "v1").mkdir(parents=True)
    assert next_version_dir(period) == period / "v2"
    (period / "v2").mkdir()
    (period / "v10-notes").mkdir()
    (period / "v0").mkdir()
    assert next_version_dir(period) == period / "v3"


def test_versions_are_only_v_digits_in_numeric_order(tmp_path: Path) -> None:
    period = tmp_path / "2026-10"
    assert versions(period) == [] and latest_complete(period) is None  # no archive yet
    for name in ("v10", "v2", "v9", "vtmp", "v01", "v0", "v2-lama", "V3", ".v4"):
        (period / name).mkdir(parents=True)
    (period / "v11").write_text("a file, not a version")
    assert versions(period) == [period / "v2", period / "v9", period / "v10"]
    assert next_version_dir(period) == period / "v12"  # never a name that is taken


def test_latest_complete_skips_a_newer_unfinished_version(tmp_path: Path) -> None:
    period = tmp_path / "2026-10"
    for name in ("v1", "v2", "v3", "vtmp"):
        (period / name).mkdir(parents=True)
    assert latest_complete(period) is None
    for name in ("v1", "v2"):
        write_manifest(period / name, [], META)
    (period / "vtmp" / "manifest.json").write_text("{}")
    assert latest_complete(period) == period / "v2"  # v3 has no manifest: interrupted
    write_manifest(period / "v3", [], META)
    assert latest_complete(period) == period / "v3"


def test_libreoffice_missing_file_gives_none(tmp_path: Path) -> None:
    assert convert_xlsx_to_pdf(tmp_path / "tidak-ada.xlsx") is None


def test_libreoffice_failure_gives_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A stand-in ``soffice`` (LibreOffice is not on the build machines) that records its
    arguments and exits 1 without output, like a broken install: we get None, not an error."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    stub = bin_dir / "soffice"
    stub.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{bin_dir}/args"\n'
                    'echo "Error: source file could not be loaded" >&2\nexit 1\n')
    stub.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    xlsx = tmp_path / "rekap.xlsx"
    xlsx.write_bytes(b"bukan xlsx")
    assert convert_xlsx_to_pdf(xlsx, timeout=30) is None
    args = (bin_dir / "args").read_text().splitlines()
    assert args[0].startswith("-env:UserInstallation=file:///")
    assert args[args.index("--convert-to"):][:2] == ["--convert-to", "pdf"]
    assert "--headless" in args and args[-1] == str(xlsx.resolve())


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (soffice) not installed; the reportlab renderer is used")
def test_libreoffice_converts_a_small_workbook(tmp_path: Path) -> None:
    """A tab made as the service makes it, with columns too narrow for their text: printed
    with its print setup, nothing is cut at a cell border (a bare workbook printed
    "Rina KartikDokumen te 97")."""
    from pypdf import PdfReader

    from service.sheets.local.workbook import build_workbook
    from service.sheets.port import PrintSetup, TabSpec, WorkbookSpec

    rows: list[list] = [["Rekap Oktober 2026"], ["Nama", "Indikator", "Realisasi"],
                        ["Rina Kartikasari, S.E.", "Dokumen terbit ≤ 3 hari — é", 97]]
    setup = PrintSetup(header_row=2, last_col="C", wrap_columns=("A", "B"))
    tab = TabSpec("Rekap", rows, {"A": 13, "B": 12, "C": 9}, bold_rows=(1, 2),
                  print_setup=setup)
    xlsx = tmp_path / "rekap.xlsx"
    build_workbook(WorkbookSpec("rekap", [tab]), {}).save(xlsx)
    data = convert_xlsx_to_pdf(xlsx)
    assert data is not None and data.startswith(b"%PDF")
    out = tmp_path / "rekap.pdf"
    out.write_bytes(data)
    (page,) = PdfReader(out).pages
    text = " ".join(page.extract_text().split())
    assert "Rina Kartikasari, S.E." in text and "Dokumen terbit ≤ 3 hari — é" in text
    assert "Halaman 1 dari 1" in text
    assert [round(float(v)) for v in page.mediabox[2:]] == [595, 842]  # A4 portrait

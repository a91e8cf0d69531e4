"""The Google backend on the in-process API fake, for our tests and the contract suite.

The contract tests (tests/contract/) import `make_google_fake_backend` to run every port
behaviour over both backends; the real adapter and gspread's HTTP client send real HTTP
requests that the fake answers, so nothing of gspread is mocked.
"""

from __future__ import annotations

from pathlib import Path

from service.sheets.google.backend import GoogleBackend
from service.sheets.port import Formula, Protection, TabSpec, WorkbookSpec
from tests.fakes.google_api import FakeGoogle
from tests.fakes.google_api.world import SERVICE_ACCOUNT, SERVICE_TOKEN, fake_session, google_world

__all__ = ["SERVICE_ACCOUNT", "SERVICE_TOKEN", "fake_session"]
SHEETS = "https://sheets.googleapis.com/v4/spreadsheets"
ANA, KS = "ana@example.go.id", "ks@example.go.id"


def make_google_fake_backend(tmp_path: Path) -> tuple[GoogleBackend, str, FakeGoogle]:
    """(backend, root folder id inside a Shared Drive, the fake), from the one world.
    `tmp_path` is accepted for parity with the local backend's factory."""
    del tmp_path
    world = google_world()
    return world.backend, world.root, world.fake


# --- test data and inspection helpers shared by the Google tests ---------------------


def official_spec(name: str = "Ana", month: str = "2024-01") -> WorkbookSpec:
    rows: list[list] = [
        ["Indikator", "Satuan", "Target", "Realisasi", "Capaian", "Kendala"],
        ["Dokumen terbit", "dokumen", 100, None, Formula('=IF(D2="","",D2/C2*100)'), None],
        ["Layanan 1 hari", "%", 95.5, None, Formula('=IF(D3="","",D3/C3*100)'), None],
        ["Data lengkap", False],
    ]
    return WorkbookSpec(
        title=f"Kinerja {month} - {name}",
        tabs=[
            TabSpec(
                "Kinerja",
                rows,
                column_widths={"A": 40, "F": 30},
                bold_rows=(1,),
                frozen_rows=1,
                checkboxes=("B4",),
                dropdowns=(("F2:F3", ("Tidak ada", "SDM", "Sistem")),),
            ),
            TabSpec("Petunjuk", [["Isi kolom Realisasi"], ["=teks biasa, bukan rumus"]]),
        ],
        protections=[
            Protection("target", "Kinerja", "A1:C3", description="Target terkunci"),
            Protection("capaian", "Kinerja", "E1:E3"),
            Protection("tanda-ks", "Kinerja", "H1", editors=(KS,), description="Centang KS"),
        ],
        properties={"kinerja_month": month, "kinerja_official": name},
        share_with=(ANA, KS),
    )


def raw_metadata(fake: FakeGoogle, key: str) -> dict:
    """What Google itself stores, read as the service account (not through the adapter)."""
    return fake_session(fake).get(f"{SHEETS}/{key}", params={"includeGridData": "false"}).json()


def calls(fake: FakeGoogle, since: int = 0) -> list[str]:
    """The fake's request log as "METHOD path" lines (query dropped)."""
    return [f"{m} {p.split('?')[0]}" for m, p, _who in fake.request_log[since:]]

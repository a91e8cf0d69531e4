"""Builds the Google backend wired to the in-process API fake, for our tests and the contract suite.

The contract tests (tests/contract/) import `make_google_fake_backend` to run every port
behaviour over both backends; the real adapter and gspread's HTTP client send real HTTP
requests that the fake answers, so nothing of gspread is mocked.
"""

from __future__ import annotations

from pathlib import Path

import requests

from service.sheets.google import GoogleBackend
from service.sheets.port import Formula, Protection, TabSpec, WorkbookSpec
from tests.fakes.google_api import FakeGoogle

SERVICE_ACCOUNT = "kinerja@demo-project.iam.gserviceaccount.com"
SERVICE_TOKEN = "kinerja-service"  # unknown to the fake, so it acts as the service account
SHEETS = "https://sheets.googleapis.com/v4/spreadsheets"
ANA, KS = "ana@example.go.id", "ks@example.go.id"


def fake_session(fake: FakeGoogle, token: str = SERVICE_TOKEN) -> requests.Session:
    """A plain requests session whose Google hosts are served by `fake` as `token`'s owner."""
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    fake.mount(session)
    return session


def make_google_fake_backend(tmp_path: Path) -> tuple[GoogleBackend, str, FakeGoogle]:
    """(backend, root folder id inside a Shared Drive, the fake).

    The root is a folder in a Shared Drive because that is where a service account must
    work in production (it has no My Drive storage). Retries never sleep in tests.
    `tmp_path` is accepted for parity with the local backend's factory.
    """
    del tmp_path
    fake = FakeGoogle(service_account=SERVICE_ACCOUNT)
    drive_id = fake.add_shared_drive("Kinerja Dukcapil", members=(SERVICE_ACCOUNT,))
    root = fake.add_folder("Kinerja", parent=drive_id)
    backend = GoogleBackend(fake_session(fake), root, SERVICE_ACCOUNT, sleep=lambda _s: None)
    return backend, root, fake


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

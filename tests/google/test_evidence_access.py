"""A Drive evidence link the reviewers cannot open is noted, and the note goes once they can.

The sharing is read from the file's permissions through the Drive API, against the fake.
"""

from __future__ import annotations

from pathlib import Path

import requests

from service.clock import SimulatedClock
from service.domain.period import Period
from service.jobs.reconcile import pull_and_reconcile
from service.sheets.google.evidence import cannot_open
from service.sheets.layout import official_layout
from tests.conftest import jakarta
from tests.jobs.messy_world import TAB, google_world

OCT = Period(2026, 10)
SRI = "198004042005012009"  # IDP-01 requires evidence
KS, SK, KD = ("dewi.sari@dukcapil-mojokerto.example", "retno.wulandari@dukcapil-mojokerto.example",
              "bambang.setiawan@dukcapil-mojokerto.example")
TABLE = official_layout().table
DRIVE = "https://www.googleapis.com/drive/v3/files"


def _as(fake, token: str) -> requests.Session:  # type: ignore[no-untyped-def]
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    fake.mount(session)
    return session


def _upload(session: requests.Session, *readers: str, anyone: bool = False,
            editor: str | None = None) -> str:
    file_id = session.post(DRIVE, json={"name": "Bukti.pdf",
                                        "mimeType": "application/pdf"}).json()["id"]
    grants = [{"type": "user", "role": "reader", "emailAddress": r} for r in readers]
    grants += [{"type": "anyone", "role": "reader"}] if anyone else []
    grants += [{"type": "user", "role": "writer", "emailAddress": editor}] if editor else []
    for grant in grants:
        session.post(f"{DRIVE}/{file_id}/permissions", json=grant).raise_for_status()
    return file_id


def test_permissions_decide_who_cannot_open() -> None:
    assert cannot_open([{"type": "anyone"}], [KS, SK]) == []
    assert cannot_open([{"type": "domain", "domain": "dukcapil-mojokerto.example"}],
                       [KS, "x@elsewhere.example"]) == ["x@elsewhere.example"]
    assert cannot_open([{"type": "user", "emailAddress": KS.upper()}], [KS, SK]) == [SK]
    # a group may hold anyone: the service cannot see its members, so it blocks nobody
    assert cannot_open([{"type": "user", "emailAddress": KS},
                        {"type": "group", "emailAddress": "kasubag@x.example"}], [KS, SK]) == []


def test_the_adapter_reads_each_files_sharing(tmp_path: Path) -> None:
    """Only someone who may share a file may list its permissions (Drive permissions.list;
    elastic/connectors#1979: read access gets 403): a Viewer, or the service reaching a file
    through "anyone with the link", cannot check it, and that is not a finding (None)."""
    world = google_world(tmp_path, SimulatedClock(jakarta(2026, 10, 26)))
    sri = _as(world.fake, f"tok-{SRI}")
    service = world.ctx.backend.account  # type: ignore[attr-defined]
    only_ks = _upload(sri, KS, editor=service)
    public = _upload(sri, anyone=True)
    viewer = _upload(sri, KS, SK, KD, service)  # as the note asks: "minimal akses Lihat"
    hidden = _upload(sri, KS, SK, KD)  # not shared with the service at all
    before = world.ctx.backend.request_count  # type: ignore[attr-defined]
    found = world.ctx.backend.evidence_access([only_ks, public, viewer, hidden, only_ks],
                                              [KS, SK, KD])
    assert found == {only_ks: [SK, KD], public: None, viewer: None, hidden: None}
    # capabilities and permissions of a My Drive file come in one files.get
    assert world.ctx.backend.request_count - before == 4  # type: ignore[attr-defined]


def test_an_unshared_evidence_file_is_noted_until_it_is_shared(tmp_path: Path) -> None:
    world = google_world(tmp_path, SimulatedClock(jakarta(2026, 10, 26)))
    world.provision(OCT)
    sri = _as(world.fake, f"tok-{SRI}")
    file_id = _upload(sri, KS, editor=world.ctx.backend.account)  # type: ignore[attr-defined]
    key = world.sheet_key(OCT, SRI)
    evidence = f"{TABLE.col('evidence')}{TABLE.data_row(0)}"
    world.type_values(SRI, key, TAB, {
        f"{TABLE.col('realization')}{TABLE.data_row(0)}": "7900",
        evidence: f"https://drive.google.com/file/d/{file_id}/view?usp=sharing"})
    pull_and_reconcile(world.ctx, OCT)
    note = world.ctx.backend.read_notes(key, TAB)[evidence]
    assert note == ("Bukti dukung di Google Drive belum dapat dibuka oleh Retno Wulandari, "
                    "S.H., M.M. dan Drs. Bambang Setiawan, M.Si.: bagikan berkasnya (minimal "
                    "akses Lihat) kepada mereka.")
    for reader in (SK, KD):  # Sri shares it in Drive; her sheet does not change
        sri.post(f"{DRIVE}/{file_id}/permissions",
                 json={"type": "user", "role": "reader", "emailAddress": reader})
    pull_and_reconcile(world.ctx, OCT)
    assert evidence not in world.ctx.backend.read_notes(key, TAB)
    before = world.fake.request_log[:]
    pull_and_reconcile(world.ctx, OCT)  # a link that is fine is not checked again
    assert not any("/permissions" in path for _m, path, _w in world.fake.request_log[len(before):])


def test_a_drive_hiccup_leaves_the_file_unchecked_and_the_cycle_going() -> None:
    from service.sheets.google.evidence import evidence_access
    from service.sheets.port import SheetBackendError

    def drive(method: str, path: str, params: dict, headers=None) -> dict:  # type: ignore[no-untyped-def]
        if "flaky" in path:
            raise SheetBackendError("Drive 503 setelah 6 percobaan")
        if "offline" in path:
            raise requests.ConnectionError("connection reset")
        return {"capabilities": {"canShare": True},
                "permissions": [{"type": "user", "emailAddress": KS}]}

    found = evidence_access(drive, ["flaky-file-id", "offline-file-id", "good-file-id"],
                            [KS, SK])
    assert found == {"good-file-id": [SK]}

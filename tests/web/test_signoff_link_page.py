"""Local mode signs through personal links: the page, the button, and what it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.domain.roster import Role
from service.jobs.parts.signoff import LINK_ONLY
from service.jobs.parts.signoff_tokens import SignOffGrant, make_token, secret_key
from service.jobs.reconcile import pull_and_reconcile
from service.jobs.withdraw import reopen_month
from service.sheets.layout import master_layout
from service.sheets.locks import signoff_tick_cell
from service.store import month_repo as months
from service.store.signoff_repo import active_signoffs
from service.web import create_app
from tests.jobs.approved_month import PERIOD, copy_of_month, edit_file, later, master_key

pytestmark = pytest.mark.month  # a whole demo month: not in the fast tier

KD_NIP = "197003121995031001"


@pytest.fixture
def reopened(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path):  # type: ignore[no-untyped-def]
    ctx, clock = copy_of_month(tmp_path_factory, tmp_path / "ws")
    reopen_month(ctx, PERIOD, "koreksi", "admin")
    later(clock)
    pull_and_reconcile(ctx, PERIOD)
    later(clock)
    return ctx


def _url(ctx, role: Role, nip: str) -> str:  # type: ignore[no-untyped-def]
    token = make_token(secret_key(ctx.settings.workspace),
                       SignOffGrant(ctx.office, PERIOD, role, nip))
    return f"/pengesahan/{token}"


def _signed(ctx) -> list[str]:  # type: ignore[no-untyped-def]
    with ctx.db.session() as session:
        return [r.role for r in active_signoffs(session, ctx.office, str(PERIOD))]


def test_the_head_signs_through_his_link(reopened) -> None:  # type: ignore[no-untyped-def]
    client = create_app(reopened).test_client()
    url = _url(reopened, Role.KD, KD_NIP)
    page = client.get(url).get_data(as_text=True)
    assert "Pengesahan KD — Oktober 2026" in page and "Sahkan sebagai KD" in page
    assert _signed(reopened) == ["PP", "KS", "SK"]
    done = client.post(url).get_data(as_text=True)
    assert "pengesahan KD Oktober 2026 tercatat" in done
    assert _signed(reopened) == ["PP", "KS", "SK", "KD"]
    with reopened.db.session() as session:
        assert months.get_month(session, reopened.office, str(PERIOD)).status == "disahkan"


def test_a_forged_or_foreign_link_signs_nothing(reopened) -> None:  # type: ignore[no-untyped-def]
    client = create_app(reopened).test_client()
    url = _url(reopened, Role.KD, KD_NIP)
    forged = url[:-3] + ("AAA" if not url.endswith("AAA") else "BBB")
    response = client.post(forged)
    assert response.status_code == 403 and "tidak sah" in response.get_data(as_text=True)
    someone_else = client.post(_url(reopened, Role.KD, "198004042005012009"))
    assert "bukan untuk pemegang peran KD" in someone_else.get_data(as_text=True)
    assert _signed(reopened) == ["PP", "KS", "SK"]


def test_a_tick_typed_into_the_local_workbook_is_undone(reopened) -> None:  # type: ignore[no-untyped-def]
    layout = master_layout()
    cell = signoff_tick_cell(layout, Role.KD)
    edit_file(reopened, master_key(reopened), layout.signoff.tab, {cell: True})
    pull_and_reconcile(reopened, PERIOD)
    assert _signed(reopened) == ["PP", "KS", "SK"]
    (grid,) = reopened.backend.read_values(master_key(reopened), [(layout.signoff.tab, cell)])
    assert grid == [[False]]
    assert reopened.backend.read_notes(master_key(reopened), layout.signoff.tab)[cell] == LINK_ONLY

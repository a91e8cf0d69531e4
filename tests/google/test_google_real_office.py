"""What a real office meets on Google, each against the strict fake (reviews F1, F4, F8,
F12, F17): sharing rules, a refused locale, lost answers, pages, a change of credential."""

from __future__ import annotations

from service.sheets.google.backend import GoogleBackend
from tests.fakes.google_api import locales
from tests.fakes.google_api.app import FakeGoogle
from tests.fakes.google_api.world import SERVICE_ACCOUNT, fake_session, google_world
from tests.google.backend_factory import ANA, KS, official_spec, raw_metadata

OFFICE = "kinerja.dukcapil@gmail.com"


def _office_account() -> tuple[GoogleBackend, str, FakeGoogle]:
    """OAuth mode: one office Google account working in its own My Drive."""
    fake = FakeGoogle(service_account=SERVICE_ACCOUNT)
    fake.add_user("office-token", OFFICE, client="oauth-client-1")
    root = fake.add_folder("Kinerja", owner=OFFICE)
    backend = GoogleBackend(fake_session(fake, "office-token"), root, OFFICE,
                            sleep=lambda _s: None)
    return backend, root, fake


def test_an_address_without_a_google_account_is_invited_with_googles_email() -> None:
    """Drive refuses a silent share to a non-account (400 invalidSharingRequest: "you must
    check the Notify people box"; Drive "Resolve errors"); in My Drive it may be invited."""
    backend, root, fake = _office_account()
    fake.add_account(ANA)  # KS has no Google account
    ref = backend.create_spreadsheet(root, official_spec())
    assert ref.unshared == {}
    assert [(email, role) for _f, email, role in fake.notifications] == [(KS, "writer")]


def test_a_drive_for_domain_users_only_refuses_outsiders_by_name() -> None:
    """Shared Drive restriction domainUsersOnly: 403 teamDriveDomainUsersOnlyRestriction."""
    fake = FakeGoogle(service_account=SERVICE_ACCOUNT)
    drive = fake.add_shared_drive("Kinerja", members={SERVICE_ACCOUNT: "fileOrganizer"},
                                  domain="example.go.id", restrictions={"domainUsersOnly": True})
    fake.add_account(ANA)
    fake.add_account("pribadi@gmail.com")
    backend = GoogleBackend(fake_session(fake), drive, SERVICE_ACCOUNT, sleep=lambda _s: None)
    spec = official_spec()
    spec.share_with = (ANA, "pribadi@gmail.com")
    ref = backend.create_spreadsheet(drive, spec)
    assert list(ref.unshared) == ["pribadi@gmail.com"]
    assert "pengguna domain kantor" in ref.unshared["pribadi@gmail.com"]


def test_a_refused_locale_never_blocks_creation() -> None:
    """An unsupported locale fails the whole (atomic) batchUpdate (reviews F4): the set-up
    is sent again without it."""
    world = google_world()
    world.fake.add_account(ANA)
    world.fake.add_account(KS)
    with locales.refusing("in_ID"):
        ref = world.backend.create_spreadsheet(world.root, official_spec())
    props = raw_metadata(world.fake, ref.key)["properties"]
    assert props["timeZone"] == "Asia/Jakarta" and props["locale"] != "in_ID"
    assert [s["properties"]["title"] for s in raw_metadata(world.fake, ref.key)["sheets"]] == [
        "Kinerja", "Petunjuk"]


def _folders(world, name: str) -> list:  # type: ignore[no-untyped-def]
    return [f for f in world.fake.store.files.values()
            if f.name == name and f.mime_type.endswith("folder") and not f.trashed]


def test_a_folder_create_whose_answer_was_lost_makes_one_folder() -> None:
    """A create applied by Google whose answer never arrived is not sent again blindly
    (reviews F8): the folder is looked up first."""
    world = google_world()
    world.fake.fail_next("POST", r"^/drive/v3/files$", applied=True, raises="timeout")
    folder = world.backend.ensure_folder(["2026-10"])
    assert [f.id for f in _folders(world, "2026-10")] == [folder]


def test_an_empty_first_page_does_not_make_a_second_folder() -> None:
    """Drive files.list: "partial or empty result pages are possible" (reviews F17)."""
    world = google_world()
    first = world.backend.ensure_folder(["2026-11"])
    world.fake.set_pagination(empty_first_page=True)
    again = GoogleBackend(fake_session(world.fake), world.root, SERVICE_ACCOUNT,
                          sleep=lambda _s: None).ensure_folder(["2026-11"])
    assert again == first and len(_folders(world, "2026-11")) == 1


def test_a_new_credential_still_knows_every_file() -> None:
    """appProperties are private to the OAuth client that wrote them (Drive "Add custom file
    properties"): the identity is kept in public properties, so a new key or client finds
    the files it must not make again (reviews F12)."""
    world = google_world()
    world.fake.add_account(ANA)
    world.fake.add_account(KS)
    spec = official_spec()
    spec.properties = {"kinerja_office": "dukcapil", "kinerja_nip": "1990"}
    made = world.backend.create_spreadsheet(world.root, spec)
    world.fake.add_user("new-key", "kinerja-2@demo-project.iam.gserviceaccount.com")
    world.fake.share(world.root, "kinerja-2@demo-project.iam.gserviceaccount.com", "writer")
    other = GoogleBackend(fake_session(world.fake, "new-key"), world.root,
                          "kinerja-2@demo-project.iam.gserviceaccount.com", sleep=lambda _s: None)
    (listed,) = other.list_spreadsheets(world.root)
    assert listed.key == made.key
    assert listed.properties["kinerja_nip"] == "1990" and listed.properties["kinerja_ready"] == "1"


def test_a_property_over_drives_size_limit_is_refused_before_any_request() -> None:
    """Drive: 124 bytes per property, key and value together (v2 Properties reference)."""
    import pytest

    from service.sheets.port import SheetBackendError

    world = google_world()
    spec = official_spec()
    spec.properties = {"kinerja_office": "x" * 120}
    before = len(world.fake.request_log)
    with pytest.raises(SheetBackendError, match="124 byte"):
        world.backend.create_spreadsheet(world.root, spec)
    assert len(world.fake.request_log) == before


def test_a_link_with_a_resource_key_sends_it_to_drive() -> None:
    """Drive "Access link-shared files using resource keys": the key travels in the
    X-Goog-Drive-Resource-Keys header, as `id/key`."""
    from service.sheets.google.evidence import evidence_access

    sent: list[tuple[str, dict | None]] = []

    def drive(method: str, path: str, params: dict, headers=None) -> dict:  # type: ignore[no-untyped-def]
        sent.append((path, headers))
        return {"capabilities": {"canShare": True}, "permissions": [{"type": "anyone"}]}

    assert evidence_access(drive, ["1AbCdEfGhIjK/0-key"], [KS]) == {"1AbCdEfGhIjK/0-key": []}
    assert sent == [("/1AbCdEfGhIjK", {"X-Goog-Drive-Resource-Keys": "1AbCdEfGhIjK/0-key"})]

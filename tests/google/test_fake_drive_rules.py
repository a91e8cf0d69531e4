"""Drive rules FakeGoogle enforces like Google (issue 11): Google accounts and sharing
refusals, who may list permissions, delete or trash, resource keys, app-private properties.
Each test names the Google source of the rule it pins (see also reviews F1, F2, F6, F12,
F15, F16 in shared/reviews/google-adapter.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import requests

from tests.fakes.google_api.client import DRIVE
from tests.google.test_fake_semantics import _free_port

SA = "kinerja@demo-project.iam.gserviceaccount.com"
ANA, BUDI, RINA = "ana@example.go.id", "budi@example.go.id", "rina@example.go.id"
STRANGER = "no-account@example.go.id"
FIELDS = {"supportsAllDrives": "true", "fields": "id,resourceKey,webViewLink,capabilities"}




def share(api, fid, email, role="reader", token="sa", notify=False, kind="user", **extra):
    body = {"type": kind, "role": role, **({"emailAddress": email} if email else {}), **extra}
    params = {"sendNotificationEmail": str(notify), "supportsAllDrives": "true"}
    return api("POST", f"{DRIVE}/files/{fid}/permissions", token, json=body, params=params)


def reason(r: requests.Response) -> str:
    return r.json()["error"]["errors"][0]["reason"]


def ana_pdf(api) -> str:  # a file in Ana's own My Drive (a person has storage)
    return api("POST", f"{DRIVE}/files", "tok-ana", json={"name": "Bukti.pdf"}).json()["id"]


def test_silent_share_with_a_non_google_account_is_refused(api, fake):
    """Drive "Resolve errors", invalidSharingRequest; verbatim text as observed live."""
    r = share(api, ana_pdf(api), STRANGER, token="tok-ana")
    assert r.status_code == 400 and reason(r) == "invalidSharingRequest"
    assert r.json()["error"]["message"] == (
        f'Bad Request. User message: "You are trying to invite {STRANGER}. Since there is '
        "no Google account associated with this email address, you must check the "
        '"Notify people" box to invite this recipient."'
    )


def test_in_my_drive_a_non_account_can_be_invited_by_email(api, fake):
    """Same source: with the notification, the invitation is sent (sharing succeeds)."""
    fid = ana_pdf(api)
    assert share(api, fid, STRANGER, token="tok-ana", notify=True).status_code == 200
    assert fake.notifications == [(fid, STRANGER, "reader")]


def test_shared_drive_refuses_non_accounts_even_with_notification(api, fake):
    """googleapis/google-api-dotnet-client#1315 (cannotShareTeamDriveWithNonGoogleAccounts,
    "working as intended")."""
    sid = api.create("PJ", fake.add_shared_drive("Dukcapil", members=(SA,))).json()["id"]
    r = share(api, sid, STRANGER, notify=True)
    assert r.status_code == 403 and reason(r) == "cannotShareTeamDriveWithNonGoogleAccounts"


def test_registered_and_service_accounts_can_be_shared_with_silently(api, fake):
    """Only Google accounts may be shared with without an invitation (Drive "Resolve
    errors"); service accounts are Google accounts."""
    fake.add_account(RINA)
    sid = api.create("PJ", fake.add_shared_drive("Dukcapil", members=(SA,))).json()["id"]
    for who in (RINA, ANA, "robot@other-project.iam.gserviceaccount.com"):
        assert share(api, sid, who).status_code == 200, who


def test_domain_users_only_drive_refuses_outsiders(api, fake):
    """Drive drives.restrictions.domainUsersOnly; reason teamDriveDomainUsersOnlyRestriction
    (GAM reason list, public code observing it live)."""
    fake.add_account("ana.personal@gmail.com")
    drive = fake.add_shared_drive(
        "Dukcapil", members=(SA,), domain="example.go.id", restrictions={"domainUsersOnly": True}
    )
    sid = api.create("PJ", drive).json()["id"]
    for r in (share(api, sid, "ana.personal@gmail.com"), share(api, sid, None, kind="anyone")):
        assert r.status_code == 403 and reason(r) == "teamDriveDomainUsersOnlyRestriction"
    assert share(api, sid, ANA).status_code == 200


def test_members_only_drive_refuses_non_members(api, fake):
    """Drive drives.restrictions.driveMembersOnly; reason teamDriveTeamMembersOnlyRestriction."""
    members = {SA: "organizer", BUDI: "reader"}
    drive = fake.add_shared_drive("D", members, restrictions={"driveMembersOnly": True})
    sid = api.create("PJ", drive).json()["id"]
    r = share(api, sid, ANA)
    assert r.status_code == 403 and reason(r) == "teamDriveTeamMembersOnlyRestriction"
    assert share(api, sid, BUDI, role="writer").status_code == 200


def test_permissions_list_needs_share_rights(api, fake):
    """permissions.list as a reader or commenter: 403 insufficientFilePermissions
    (elastic/connectors#1979, #1478; prasmussen/gdrive#171); canShare says so."""
    fid = ana_pdf(api)
    listing = f"{DRIVE}/files/{fid}/permissions"
    for role, status in (("reader", 403), ("commenter", 403), ("writer", 200)):
        share(api, fid, BUDI, role=role, token="tok-ana")
        r = api("GET", listing, "tok-budi")
        assert r.status_code == status, role
        caps = api("GET", f"{DRIVE}/files/{fid}", "tok-budi", params=FIELDS).json()
        assert caps["capabilities"]["canShare"] is (status == 200)
    assert reason(api("GET", listing, "sa")) == "notFound"  # not shared with the SA at all


def test_a_link_only_reader_cannot_list_permissions(api, fake):
    """ "Anyone with the link" gives read access, not share rights (reviews F2)."""
    fid = ana_pdf(api)
    assert share(api, fid, None, kind="anyone", token="tok-ana").status_code == 200
    assert api("GET", f"{DRIVE}/files/{fid}", "sa").status_code == 200
    r = api("GET", f"{DRIVE}/files/{fid}/permissions", "sa")
    assert r.status_code == 403 and reason(r) == "insufficientFilePermissions"


def test_group_and_domain_permissions_grant_access_and_are_listed(api, fake):
    """Drive permissions resource: type group (emailAddress) and domain (domain); members
    of a group and users of a domain get the role."""
    fake.add_group("tim-pp@example.go.id", members=[BUDI])
    fid = ana_pdf(api)
    assert api("GET", f"{DRIVE}/files/{fid}", "tok-budi").status_code == 404
    assert share(api, fid, "tim-pp@example.go.id", kind="group", token="tok-ana").ok
    assert api("GET", f"{DRIVE}/files/{fid}", "tok-budi").status_code == 200
    assert share(api, fid, None, kind="domain", domain="example.go.id", token="tok-ana").ok
    fake.add_user("tok-rina", RINA)
    assert api("GET", f"{DRIVE}/files/{fid}", "tok-rina").status_code == 200
    params = {"fields": "permissions(type,role,emailAddress,domain)"}
    listed = api("GET", f"{DRIVE}/files/{fid}/permissions", "tok-ana", params=params).json()
    assert {"type": "group", "role": "reader", "emailAddress": "tim-pp@example.go.id"} in (
        listed["permissions"]
    )
    assert {"type": "domain", "role": "reader", "domain": "example.go.id"} in listed["permissions"]


def test_capabilities_follow_the_shared_drive_role(api, fake):
    """Drive roles: Manager (organizer) may delete, Content manager (fileOrganizer) may only
    trash, Contributor (writer) neither (Drive files.delete; hassio-google-drive-backup#336)."""
    drive = fake.add_shared_drive("D", {SA: "organizer", ANA: "fileOrganizer", BUDI: "writer"})
    folder = fake.add_folder("Arsip", parent=drive)
    url = f"{DRIVE}/files/{folder}"
    caps = [
        api("GET", url, t, params=FIELDS).json()["capabilities"]
        for t in ("sa", "tok-ana", "tok-budi")
    ]
    got = [(c["canDelete"], c["canTrash"], c["canEdit"]) for c in caps]
    assert got == [(True, True, True), (False, True, True), (False, False, True)]
    assert all(c["canListChildren"] and c["canAddChildren"] for c in caps)


def test_content_manager_cannot_delete_but_can_trash_in_a_shared_drive(api, fake):
    """ "If the file belongs to a shared drive, the user must be an organizer on the parent
    folder" (Drive files.delete); 403 insufficientFilePermissions
    (breakdowns/slam-mirrorbot#386). Content managers trash instead (#336 above); trashed
    files drop out of `trashed = false` queries."""
    drive = fake.add_shared_drive("D", {SA: "fileOrganizer", ANA: "organizer"})
    sid = api.create("PJ", drive).json()["id"]
    r = api("DELETE", f"{DRIVE}/files/{sid}", params={"supportsAllDrives": "true"})
    assert r.status_code == 403 and reason(r) == "insufficientFilePermissions"
    assert api("PATCH", f"{DRIVE}/files/{sid}", json={"trashed": True}).status_code == 200
    q = {"q": f"'{drive}' in parents and trashed = false", "includeItemsFromAllDrives": "true"}
    listed = api("GET", f"{DRIVE}/files", params={**q, "supportsAllDrives": "true"}).json()
    assert listed["files"] == []
    assert api("DELETE", f"{DRIVE}/files/{sid}", "tok-ana").status_code == 204


def test_a_contributor_cannot_trash_in_a_shared_drive(api, fake):
    """Contributors (writer) add and edit, but canTrash is false for them."""
    sid = api.create("PJ", fake.add_shared_drive("D", {SA: "organizer", BUDI: "writer"}))
    r = api("PATCH", f"{DRIVE}/files/{sid.json()['id']}", "tok-budi", json={"trashed": True})
    assert r.status_code == 403 and reason(r) == "insufficientFilePermissions"


def test_in_my_drive_only_the_owner_deletes_or_trashes(api, fake):
    """plexdrive/plexdrive#138: an editor gets 403 insufficientFilePermissions on delete."""
    fid = ana_pdf(api)
    share(api, fid, BUDI, role="writer", token="tok-ana")
    assert api("DELETE", f"{DRIVE}/files/{fid}", "tok-budi").status_code == 403
    trash = api("PATCH", f"{DRIVE}/files/{fid}", "tok-budi", json={"trashed": True})
    assert trash.status_code == 403
    assert api("DELETE", f"{DRIVE}/files/{fid}", "tok-ana").status_code == 204


def test_trashing_a_folder_trashes_what_is_inside(api, fake):
    """Drive: items in a trashed folder are trashed too (trashed vs explicitlyTrashed)."""
    drive = fake.add_shared_drive("D", members=(SA,))
    folder = fake.add_folder("Arsip", parent=drive)
    sid = api.create("PJ", folder).json()["id"]
    api("PATCH", f"{DRIVE}/files/{folder}", json={"trashed": True})
    got = api("GET", f"{DRIVE}/files/{sid}", params={"fields": "trashed,explicitlyTrashed"})
    assert got.json() == {"trashed": True, "explicitlyTrashed": False}


def test_link_only_access_needs_the_resource_key(api, fake):
    """Drive "Access link-shared files using resource keys": a caller with only an anyone /
    domain permission sends X-Goog-Drive-Resource-Keys: fileId/resourceKey, else 404;
    direct access needs no key; links carry it."""
    fid = fake.add_file("Bukti.pdf", owner=ANA, resource_key=True)
    fake.share_link(fid)
    url = f"{DRIVE}/files/{fid}"
    assert api("GET", url, "tok-budi").status_code == 404
    key = api("GET", url, "tok-ana", params=FIELDS).json()["resourceKey"]
    header = {"X-Goog-Drive-Resource-Keys": f"other/x,{fid}/{key}"}
    got = api("GET", url, "tok-budi", headers=header, params=FIELDS).json()
    assert got["resourceKey"] == key and got["webViewLink"].endswith(f"?resourcekey={key}")
    fake.share(fid, BUDI, "reader")  # a direct permission: no key needed any more
    assert api("GET", url, "tok-budi").status_code == 200


def test_app_properties_are_private_to_the_oauth_client(api, fake):
    """Drive "Add custom file properties": appProperties are restricted to the app that set
    them, properties are public (reviews F12). Unknown tokens are the service account's own
    client; a person's token another client."""
    sid = api.create("PJ", fake.add_shared_drive("D", {SA: "organizer", ANA: "writer"}))
    url = f"{DRIVE}/files/{sid.json()['id']}"
    body = {"appProperties": {"kinerja_ready": "1"}, "properties": {"office": "Dukcapil"}}
    assert api("PATCH", url, "unknown-token", json=body).ok
    mask = {"fields": "appProperties,properties"}
    assert api("GET", url, "another-unknown", params=mask).json()["appProperties"] == {
        "kinerja_ready": "1"
    }
    assert api("GET", url, "tok-ana", params=mask).json() == {"properties": {"office": "Dukcapil"}}
    fake.add_user("tok-sa-oauth", SA, client="office-desktop-client")
    assert "appProperties" not in api("GET", url, "tok-sa-oauth", params=mask).json()
    q = {"q": "appProperties has { key='kinerja_ready' and value='1' }", "fields": "files(id)"}
    q |= {"includeItemsFromAllDrives": "true", "supportsAllDrives": "true"}
    assert api("GET", f"{DRIVE}/files", "tok-ana", params=q).json()["files"] == []
    assert len(api("GET", f"{DRIVE}/files", "sa", params=q).json()["files"]) == 1


@pytest.mark.parametrize("key", ["appProperties", "properties"])
def test_a_property_over_124_bytes_is_refused(api, fake, key):
    """ "Maximum of 124 bytes size limit on (key + value) string in UTF-8 encoding" (Drive v2
    Properties); 403 propertyLengthLimitExceeded (RichardX366/Obsidian-Google-Drive#34)."""
    sid = api.create("PJ", fake.add_shared_drive("D", members=(SA,))).json()["id"]
    url = f"{DRIVE}/files/{sid}"
    assert api("PATCH", url, json={key: {"k": "é" * 61 + "x"}}).ok  # 1 + 122 + 1 = 124 bytes
    r = api("PATCH", url, json={key: {"kantor": "é" * 60}})  # 6 + 120 bytes
    assert r.status_code == 403 and reason(r) == "propertyLengthLimitExceeded"
    assert api("GET", url, params={"fields": key}).json()[key] == {"k": "é" * 61 + "x"}


def test_more_than_30_private_properties_per_app_are_refused(api, fake):
    """ "Maximum of 30 private properties per app" (Drive v2 Properties). The error Google
    answers is UNVERIFIED; the fake refuses with 403."""
    sid = api.create("PJ", fake.add_shared_drive("D", members=(SA,))).json()["id"]
    props = {f"k{i}": "v" for i in range(30)}
    assert api("PATCH", f"{DRIVE}/files/{sid}", json={"appProperties": props}).ok
    r = api("PATCH", f"{DRIVE}/files/{sid}", json={"appProperties": {"k30": "v"}})
    assert r.status_code == 403


def test_a_hidden_email_is_left_out_of_last_modifying_user(api, fake):
    """Drive User.emailAddress "may not be present in certain contexts if the user has not
    made their email address visible to the requester" (reviews F16)."""
    fid = ana_pdf(api)
    share(api, fid, BUDI, token="tok-ana")
    fake.hide_email(ANA)
    mask = {"fields": "lastModifyingUser,owners"}
    got = api("GET", f"{DRIVE}/files/{fid}", "tok-budi", params=mask).json()
    assert "emailAddress" not in got["lastModifyingUser"] and "emailAddress" not in got["owners"][0]
    mine = api("GET", f"{DRIVE}/files/{fid}", "tok-ana", params=mask).json()
    assert mine["lastModifyingUser"]["emailAddress"] == ANA


def test_the_standalone_server_knows_only_its_accounts():
    """`--token T=EMAIL` and `--account EMAIL` are Google accounts; nobody else is."""
    port, root = _free_port(), Path(__file__).resolve().parents[2]
    args = ["--port", str(port), "--token", f"tok-ana={ANA}", "--account", RINA]
    proc = subprocess.Popen([sys.executable, "-m", "tests.fakes.google_api", *args], cwd=root,
                            stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert proc.stdout is not None and "listening" in proc.stdout.readline()
        base, auth = f"http://127.0.0.1:{port}/drive/v3/files", {"Authorization": "Bearer tok-ana"}
        fid = requests.post(base, json={"name": "x.pdf"}, headers=auth, timeout=5).json()["id"]
        params = {"sendNotificationEmail": "false"}
        for who, status in ((RINA, 200), (STRANGER, 400)):
            body = {"type": "user", "role": "reader", "emailAddress": who}
            r = requests.post(f"{base}/{fid}/permissions", json=body, params=params,
                              headers=auth, timeout=5)  # fmt: skip
            assert r.status_code == status, who
    finally:
        proc.terminate()
        proc.wait(timeout=5)

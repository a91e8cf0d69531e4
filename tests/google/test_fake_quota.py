"""What changes over time on Google, modelled by FakeGoogle when a test asks (issue 11):
per-minute quotas, transient faults, the Drive modifiedTime lag and partial list pages.
Each test names its source (see also reviews F7, F8, F9, F17)."""

from __future__ import annotations

import datetime as dt

import pytest
import requests

from tests.fakes.google_api import FakeGoogle
from tests.fakes.google_api.client import DRIVE, SHEETS, GoogleHttp
from tests.fakes.google_api.quota import VirtualTime

SA = "kinerja@demo-project.iam.gserviceaccount.com"
ANA, BUDI = "ana@example.go.id", "budi@example.go.id"
ALL = {"supportsAllDrives": "true", "includeItemsFromAllDrives": "true"}


@pytest.fixture
def vt() -> VirtualTime:
    return VirtualTime(epoch=dt.datetime(2024, 5, 1, 8, 0, tzinfo=dt.UTC))


@pytest.fixture
def fake(vt: VirtualTime) -> FakeGoogle:
    fake = FakeGoogle(service_account=SA)
    fake.set_clock(vt.datetime)
    fake.add_user("tok-ana", ANA)
    fake.add_user("tok-budi", BUDI)
    return fake



@pytest.fixture
def sid(api: GoogleHttp, fake: FakeGoogle) -> str:
    drive = fake.add_shared_drive("D", {SA: "organizer", ANA: "writer", BUDI: "writer"})
    return api.create("PJ", drive).json()["id"]


def read(api, sid, token="sa") -> requests.Response:
    return api("GET", f"{SHEETS}/{sid}/values/A1", token)


def test_sheets_reads_over_60_a_minute_per_user_get_429(api, fake, sid, vt):
    """Sheets "Usage limits": 60 read requests per minute per user, then 429 "After 1
    minute, you can execute requests again"; body as recorded in r-lib/gargle
    tests/testthat/_snaps/response_process.md."""
    quota = fake.enable_quota(vt.now)
    assert all(read(api, sid).ok for _ in range(60))
    r = read(api, sid)
    assert r.status_code == 429
    error = r.json()["error"]
    assert error["status"] == "RESOURCE_EXHAUSTED" and "errors" not in error
    assert error["message"] == (
        "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute "
        "per user' of service 'sheets.googleapis.com' for consumer 'project_number:603366585132'."
    )
    info = error["details"][0]
    assert info["reason"] == "RATE_LIMIT_EXCEEDED"
    assert info["metadata"]["quota_limit"] == "ReadRequestsPerMinutePerUser"
    assert read(api, sid, "tok-ana").ok  # another user has a bucket of their own
    vt.sleep(60)
    assert read(api, sid).ok
    assert quota.refused == 1 and quota.requests["read"] == 62


def test_the_window_slides(api, fake, sid, vt):
    """A per-minute quota is a rolling window: a request leaves it 60 s after it was made."""
    fake.enable_quota(vt.now, read=2)
    assert read(api, sid).ok
    vt.sleep(30)
    assert read(api, sid).ok
    vt.sleep(29.9)
    assert read(api, sid).status_code == 429
    vt.sleep(0.1)
    assert read(api, sid).ok  # the first one is 60 s old now
    assert read(api, sid).status_code == 429


def test_a_refused_write_is_not_applied(api, fake, sid, vt):
    """Sheets writes have their own 60/min/user bucket; a 429 changes nothing."""
    quota = fake.enable_quota(vt.now, write=1)
    assert api.put(sid, "A1", [["one"]]).ok
    r = api.put(sid, "A1", [["two"]])
    assert r.status_code == 429 and "'Write requests per minute per user'" in r.text
    assert api.values(sid, "A1") == [["one"]]
    assert quota.refused_by["write"] == 1


def test_the_project_limit_counts_every_user(api, fake, sid, vt):
    """Sheets "Usage limits": 300 reads per minute per project, whoever asks; the limit is
    named 'Read requests per minute' (r-lib/gargle#160)."""
    fake.enable_quota(vt.now, project_read=3)
    assert read(api, sid).ok and read(api, sid, "tok-ana").ok and read(api, sid, "tok-budi").ok
    r = read(api, sid, "tok-ana")
    assert r.status_code == 429 and "limit 'Read requests per minute' of" in r.text


def test_drive_over_quota_answers_403_user_rate_limit(api, fake, sid, vt):
    """Drive "Usage limits": over quota "403: User rate limit exceeded"; body as in
    tidyverse/googledrive#380 (domain usageLimits, reason userRateLimitExceeded); the project
    limit answers rateLimitExceeded (Drive "Resolve errors")."""
    quota = fake.enable_quota(vt.now, drive=2, project_drive=3)
    url = f"{DRIVE}/files/{sid}"
    assert api("GET", url).ok and api("GET", url).ok
    r = api("GET", url)
    item = r.json()["error"]["errors"][0]
    assert r.status_code == 403 and (item["domain"], item["reason"]) == (
        "usageLimits",
        "userRateLimitExceeded",
    )
    assert item["message"].startswith("User Rate Limit Exceeded. Rate of requests for user")
    assert api("GET", url, "tok-ana").ok
    r = api("GET", url, "tok-budi")
    assert r.status_code == 403 and r.json()["error"]["errors"][0]["reason"] == "rateLimitExceeded"
    assert quota.requests["drive"] == 3 and quota.refused_by["drive"] == 2


def test_buckets_and_what_is_not_counted(api, fake, sid, vt):
    """Creating a spreadsheet is a Sheets write; uploads are Drive; the docs.google.com
    export URL is not an API call and spends no quota."""
    quota = fake.enable_quota(vt.now)
    api("POST", SHEETS, "tok-ana", json={"properties": {"title": "Mine"}})
    api("POST", "https://www.googleapis.com/upload/drive/v3/files?uploadType=media", data=b"x")
    api("GET", f"https://docs.google.com/spreadsheets/d/{sid}/export", params={"format": "csv"})
    assert dict(quota.requests) == {"write": 1, "drive": 1}


def test_quotas_are_off_by_default(api, sid):
    assert all(read(api, sid).ok for _ in range(100))


def test_an_injected_sharing_rate_limit_refuses_once(api, fake):
    """403 sharingRateLimitExceeded "Rate limit exceeded. User message: "Sorry, you have
    exceeded your sharing quota."" (live HttpErrors quoted in public code, reviews F1):
    transient, the refused request is not applied."""
    sid = api.create("PJ", fake.add_shared_drive("Solo", members=(SA,))).json()["id"]
    fault = fake.fail_next("POST", r"/permissions$", 403, "sharingRateLimitExceeded")
    body = {"type": "user", "role": "reader", "emailAddress": BUDI}
    url = f"{DRIVE}/files/{sid}/permissions"
    r = api("POST", url, json=body, params={"sendNotificationEmail": "false"})
    assert r.status_code == 403 and r.json()["error"]["errors"][0] == {
        "message": 'Rate limit exceeded. User message: "Sorry, you have exceeded your sharing '
        'quota."',
        "domain": "global",
        "reason": "sharingRateLimitExceeded",
    }
    assert len(api("GET", url).json()["permissions"]) == 1  # the drive's organizer only
    assert api("POST", url, json=body, params={"sendNotificationEmail": "false"}).ok
    assert fault.hits == 1


def test_an_applied_request_can_still_answer_503(api, fake):
    """A request Google carried out can still come back 503/5xx (reviews F8): a client that
    retries a files.create makes a duplicate."""
    drive = fake.add_shared_drive("D", members=(SA,))
    fake.fail_next("POST", r"^/drive/v3/files$", 503, "backendError", applied=True)
    assert api_create_status(fake, drive) == 503
    assert api_create_status(fake, drive) == 200
    q = {"q": f"'{drive}' in parents", **ALL}
    assert len(GoogleHttp(fake)("GET", f"{DRIVE}/files", params=q).json()["files"]) == 2


def api_create_status(fake: FakeGoogle, parent: str) -> int:
    return GoogleHttp(fake).create("Folder 2026-10", parent).status_code


def test_timeouts_and_connection_errors_reach_the_client(api, fake):
    """requests.ReadTimeout after the server applied the call, ConnectionError before it
    did: only the first leaves a file behind (reviews F8)."""
    drive = fake.add_shared_drive("D", members=(SA,))
    fake.fail_next("POST", r"^/drive/v3/files$", raises="timeout", applied=True)
    with pytest.raises(requests.exceptions.ReadTimeout):
        api.create("after-timeout", drive)
    fake.fail_next("POST", r"^/drive/v3/files$", raises="connection")
    with pytest.raises(requests.exceptions.ConnectionError):
        api.create("never-sent", drive)
    q = {"q": f"'{drive}' in parents", "fields": "files(name)", **ALL}
    assert api("GET", f"{DRIVE}/files", params=q).json()["files"] == [{"name": "after-timeout"}]


def modified(api, sid, token="sa") -> dict:
    params = {"fields": "modifiedTime,version,lastModifyingUser(emailAddress)"}
    return api("GET", f"{DRIVE}/files/{sid}", token, params=params).json()


def test_sheets_edits_reach_drive_late_and_coalesced(api, fake, sid, vt):
    """googleapis/google-api-go-client#444 (sqrrrl): Sheets changes reach Drive's metadata
    coalesced, "only refreshed every ~3min"; Drive shows the latest change older than the
    lag (reviews F9)."""
    fake.set_modified_lag(180)
    before = modified(api, sid)
    api.put(sid, "A1", [["x"]], token="tok-ana")
    vt.sleep(10)
    api.put(sid, "A2", [["y"]], token="tok-ana")
    vt.sleep(60)
    api.put(sid, "A3", [["z"]], token="tok-budi")
    assert modified(api, sid) == before
    vt.sleep(125)  # t=195: both of Ana's edits are over 180 s old, Budi's (t=70) is not
    mid = modified(api, sid)
    assert mid["lastModifyingUser"] == {"emailAddress": ANA}
    assert int(mid["version"]) == int(before["version"]) + 1
    assert mid["modifiedTime"] == "2024-05-01T08:00:10.000Z"
    vt.sleep(60)
    assert modified(api, sid)["lastModifyingUser"] == {"emailAddress": BUDI}
    q = {"q": "modifiedTime > '2024-05-01T08:01:00'", "fields": "files(id)", **ALL}
    assert api("GET", f"{DRIVE}/files", params=q).json()["files"] == [{"id": sid}]


def test_drive_renames_stay_immediate_under_the_lag(api, fake, sid, vt):
    """Only Sheets edits propagate late; a rename is Drive's own metadata."""
    fake.set_modified_lag(180)
    before = modified(api, sid)
    vt.sleep(1)
    api("PATCH", f"{DRIVE}/files/{sid}", json={"name": "PJ (baru)"})
    after = modified(api, sid)
    assert after["modifiedTime"] > before["modifiedTime"]
    assert after["version"] != before["version"]


def test_listing_pages_can_be_partial_or_empty(api, fake, sid):
    """Drive files.list: "Partial or empty result pages are possible even before the end
    of the files list has been reached" — clients must follow nextPageToken (reviews F17)."""
    drive = fake.add_shared_drive("D2", members=(SA,))
    for name in ("a", "b", "c"):
        api.create(name, drive)
    fake.set_pagination(page_limit=2, empty_first_page=True)
    params = {"q": f"'{drive}' in parents", "pageSize": 1000, "fields": "nextPageToken,files(name)"}
    pages, token = [], None
    while True:
        body = api("GET", f"{DRIVE}/files", params={**params, **ALL, "pageToken": token}).json()
        pages.append([f["name"] for f in body["files"]])
        token = body.get("nextPageToken")
        if not token:
            break
    assert pages == [[], ["a", "b"], ["c"]]

"""Replay real recorded Google traffic (gspread's cassettes) against FakeGoogle.

Every recorded request is sent, in order, to a fresh fake; each answer is compared with
what Google really sent by shape and values: status, JSON keys and value types all the way
down, ranges, counts, values, notes and protected ranges. Ids (which differ per run) are
mapped from the recorded ones to the fake's; timestamps must only be RFC 3339; account
emails are masked. Whatever still differs must be listed in ALLOWED with its reason.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests

from tests.fakes.google_api import FakeGoogle

# ../shared/conformance next to the repository, as DESIGN.md describes; overridable.
CASSETTES = Path(
    os.environ.get("KINERJA_CONFORMANCE_DIR")
    or Path(__file__).resolve().parents[3] / "shared" / "conformance" / "gspread-cassettes"
)
FILES = sorted(p.name for p in CASSETTES.glob("*.json")) if CASSETTES.is_dir() else []

RECORDER_TOKEN = "<ACCESS_TOKEN>"  # the placeholder every recorded request carries
# The 2023 recording account still had My Drive storage; a regular user reproduces that.
RECORDER = "recorder@example.com"
# Spreadsheets that the recorded requests use without creating them, and who owns them.
FOREIGN = {"1jIKzPs8LsiZZdLdeMEP-5ZIHw6RkjiOmj1LrJN706Yc": "stranger@example.com"}

ID_KEYS = {"id", "spreadsheetId", "sheetId", "protectedRangeId"}
TIME_KEYS = {"createdTime", "modifiedTime"}
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")

# (cassette name, JSON path) -> why the fake may differ there. Keep it narrow and honest;
# test_allow_list_is_minimal fails when an entry is no longer needed.
ALLOWED: dict[tuple[str, str], str] = {}


def interactions(name: str) -> list[dict[str, Any]]:
    return json.loads((CASSETTES / name).read_text(encoding="utf-8"))["interactions"]


def _swap(value: Any, ids: dict[Any, Any], key: str | None = None) -> Any:
    """Replace recorded ids by the fake's inside a request body."""
    if isinstance(value, dict):
        return {k: _swap(x, ids, k) for k, x in value.items()}
    if isinstance(value, list):
        return [_swap(x, ids, key) for x in value]
    if isinstance(value, int) and not isinstance(value, bool) and key in ID_KEYS:
        return ids.get(value, value)
    if isinstance(value, str):
        for old, new in ids.items():
            if isinstance(old, str):
                value = value.replace(old, new)
    return value


def _learn(recorded: Any, actual: Any, ids: dict[Any, Any], key: str | None = None) -> None:
    """Walk both answers together and remember recorded-id -> fake-id pairs."""
    if isinstance(recorded, dict) and isinstance(actual, dict):
        for k in recorded.keys() & actual.keys():
            _learn(recorded[k], actual[k], ids, k)
    elif isinstance(recorded, list) and isinstance(actual, list):
        for r, a in zip(recorded, actual, strict=False):
            _learn(r, a, ids, key)
    elif key in ID_KEYS and type(recorded) is type(actual) and recorded not in ids:
        ids[recorded] = actual


def compare(recorded: Any, actual: Any, ids: dict[Any, Any], path: str = "$") -> Iterator[str]:
    """Yield one line per difference between a recorded and an actual JSON value."""
    key = path.rsplit(".", 1)[-1]
    if isinstance(recorded, dict):
        if not isinstance(actual, dict):
            yield f"{path}: expected object, got {type(actual).__name__}"
            return
        for k in sorted(recorded.keys() - actual.keys()):
            yield f"{path}.{k}: missing"
        for k in sorted(actual.keys() - recorded.keys()):
            yield f"{path}.{k}: unexpected key"
        for k in sorted(recorded.keys() & actual.keys()):
            yield from compare(recorded[k], actual[k], ids, f"{path}.{k}")
    elif isinstance(recorded, list):
        if not isinstance(actual, list) or len(actual) != len(recorded):
            yield f"{path}: expected list of {len(recorded)}, got {_short(actual)}"
            return
        for i, (r, a) in enumerate(zip(recorded, actual, strict=True)):
            yield from compare(r, a, ids, f"{path}[{i}]")
    elif type(recorded) is not type(actual):
        yield f"{path}: expected {type(recorded).__name__}, got {_short(actual)}"
    elif key in TIME_KEYS:
        if not RFC3339.match(actual):
            yield f"{path}: not an RFC 3339 time: {actual!r}"
    elif key in ID_KEYS:
        if ids.get(recorded, recorded) != actual:
            yield f"{path}: id {actual!r} is not the one mapped from {recorded!r}"
    elif isinstance(recorded, str):
        want = EMAIL.sub("<email>", _swap(recorded, ids))
        if want != EMAIL.sub("<email>", actual):
            yield f"{path}: expected {want!r}, got {actual!r}"
    elif recorded != actual:
        yield f"{path}: expected {recorded!r}, got {actual!r}"


def _short(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)[:120]


def _send(
    session: requests.Session,
    request: dict[str, Any],
    ids: dict[Any, Any],
    token: str = RECORDER_TOKEN,
) -> requests.Response:
    body = request.get("body")
    if body:
        body = json.dumps(_swap(json.loads(body), ids)).encode()
    headers = {"Authorization": token}
    if body:
        headers["Content-Type"] = "application/json"
    return session.request(
        request["method"], _swap(request["uri"], ids), data=body, headers=headers
    )


def replay(name: str, tamper: Any = None) -> list[str]:
    """Replay one cassette; return "#index METHOD path: difference" lines.
    `tamper(index, recorded_json)` may alter a recorded answer (to prove we can fail)."""
    fake = FakeGoogle(service_account="replay@conformance.iam.gserviceaccount.com")
    fake.add_user(RECORDER_TOKEN, RECORDER)
    session = fake.mount(requests.Session())
    ids: dict[Any, Any] = {}
    for n, (recorded_id, owner) in enumerate(FOREIGN.items()):
        fake.add_user(f"tok-foreign-{n}", owner)
        created = session.post(
            "https://www.googleapis.com/drive/v3/files",
            json={"name": "private", "mimeType": "application/vnd.google-apps.spreadsheet"},
            headers={"Authorization": f"Bearer tok-foreign-{n}"},
        )
        ids[recorded_id] = created.json()["id"]
    diffs: list[str] = []
    for i, item in enumerate(interactions(name)):
        request, response = item["request"], item["response"]
        actual = _send(session, request, ids)
        where = f"#{i} {request['method']} {urlsplit(request['uri']).path}"
        text = response["body"]["string"]
        status = response["status"]["code"]
        if actual.status_code != status:
            diffs.append(f"{where}: status {actual.status_code} != {status}: {actual.text[:300]}")
            continue
        kind = (response["headers"].get("Content-Type") or [""])[0].split(";")[0]
        if kind == "application/json":
            recorded = json.loads(text)
            if tamper:
                recorded = tamper(i, recorded)
            got = actual.json()
            _learn(recorded, got, ids)
            diffs.extend(f"{where} {d}" for d in compare(recorded, got, ids))
        else:
            if status != 204 and actual.headers.get("Content-Type", "").split(";")[0] != kind:
                diffs.append(f"{where}: content type {actual.headers.get('Content-Type')}")
            if actual.content != text.encode("utf-8"):
                diffs.append(f"{where}: body {actual.content[:80]!r} != {text[:80]!r}")
    return diffs


def _allowed(name: str, diff: str) -> tuple[str, str] | None:
    for key in ALLOWED:
        if key[0] == name and f" {key[1]}" in diff:
            return key
    return None


@pytest.mark.skipif(not FILES, reason=f"no cassettes at {CASSETTES}")
@pytest.mark.parametrize("name", FILES)
def test_fake_answers_like_the_recording(name: str) -> None:
    diffs = [d for d in replay(name) if _allowed(name, d) is None]
    assert diffs == [], "\n".join(diffs)


@pytest.mark.skipif(not FILES, reason=f"no cassettes at {CASSETTES}")
def test_all_eighteen_recordings_are_replayed() -> None:
    assert len(FILES) == 18
    assert sum(len(interactions(n)) for n in FILES) > 150


@pytest.mark.skipif(not FILES, reason=f"no cassettes at {CASSETTES}")
def test_allow_list_is_minimal() -> None:
    used = {_allowed(name, d) for name, _ in ALLOWED for d in replay(name)}
    assert set(ALLOWED) <= used, f"unneeded allow-list entries: {set(ALLOWED) - used}"


def _bump_cells(i: int, body: Any) -> Any:
    if isinstance(body, dict) and "updatedCells" in body:
        body = {**body, "updatedCells": body["updatedCells"] + 1}
    return body


def _quote_range(i: int, body: Any) -> Any:
    if isinstance(body, dict) and body.get("range") == "Sheet1!A1:D4":
        body = {**body, "range": "'Sheet1'!A1:D4"}
    return body


def _drop_values_key(i: int, body: Any) -> Any:
    if isinstance(body, dict) and body.get("range") == "Sheet1!A1:D2" and "values" not in body:
        body = {**body, "values": []}
    return body


def _string_number(i: int, body: Any) -> Any:
    if isinstance(body, dict) and body.get("values", [[None]])[0][:1] == [2]:
        body = {**body, "values": [["2", *body["values"][0][1:]], *body["values"][1:]]}
    return body


@pytest.mark.skipif(not FILES, reason=f"no cassettes at {CASSETTES}")
@pytest.mark.parametrize(
    ("name", "tamper", "expected"),
    [
        ("WorksheetTest.test_update_and_get.json", _bump_cells, "$.updatedCells: expected 17"),
        ("WorksheetTest.test_update_and_get.json", _quote_range, "expected \"'Sheet1'!A1:D4\""),
        (
            "WorksheetTest.test_get_all_records_value_render_options.json",
            _drop_values_key,
            "$.values: missing",
        ),
        (
            "WorksheetTest.test_get_all_records_value_render_options.json",
            _string_number,
            "$.values[0][0]: expected str, got 2",
        ),
    ],
)
def test_comparator_flags_a_wrong_response(name: str, tamper: Any, expected: str) -> None:
    diffs = replay(name, tamper)
    assert any(expected in d for d in diffs), diffs


def test_comparator_reports_missing_keys_types_and_lengths() -> None:
    recorded = {"a": 1, "b": [1, 2], "c": {"d": "x"}}
    actual = {"a": 1.5, "b": [1], "e": None}
    diffs = list(compare(recorded, actual, {}))
    assert "$.c: missing" in diffs
    assert "$.e: unexpected key" in diffs
    assert any(d.startswith("$.a: expected int") for d in diffs)
    assert any(d.startswith("$.b: expected list of 2") for d in diffs)


def test_ci_replays_the_recordings_rather_than_skipping() -> None:
    """CI has shared/ beside the clone; a missing folder there is a broken set-up, not a skip."""
    if os.environ.get("CI") == "true":
        assert len(FILES) == 18, f"expected the 18 cassettes at {CASSETTES}"

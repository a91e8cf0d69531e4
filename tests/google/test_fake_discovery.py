"""FakeGoogle refuses what Google's own discovery documents do not allow (issue 11).

The documents are the ones google-api-python-client ships (discovery_cache/documents/
sheets.v4.json, drive.v3.json); discovery.py and validate.py check every request against
them before a handler runs. Each test sends one kind of request Google refuses, over raw
HTTP (no gspread, nothing mocked), and names in its docstring the part of the document the
rule comes from and where the wording of Google's answer was found.
"""

from __future__ import annotations

from typing import Any

import pytest
import requests

from tests.fakes.google_api import FakeGoogle
from tests.fakes.google_api.client import DRIVE, SHEETS, GoogleHttp, grid_range
from tests.fakes.google_api.discovery import Refusal
from tests.fakes.google_api.validate import check_body

SA = "kinerja@demo-project.iam.gserviceaccount.com"
ANA, BUDI = "ana@example.go.id", "budi@example.go.id"
UPLOAD = "https://www.googleapis.com/upload/drive/v3/files"





def _ok(response: requests.Response) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    return response.json()


def _refused(response: requests.Response) -> dict[str, Any]:
    """The `error` of a 400 in Google's shape: Sheets has `status`, Drive has `errors[]`."""
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["code"] == 400
    if "errors" in error:  # Drive: no status on a parameter failure
        assert "status" not in error and error["errors"][0]["message"] == error["message"]
    else:
        assert error["status"] == "INVALID_ARGUMENT"
    return error


def _field_violations(error: dict[str, Any]) -> list[dict[str, str]]:
    (detail,) = error["details"]
    assert detail["@type"] == "type.googleapis.com/google.rpc.BadRequest"
    return detail["fieldViolations"]


def _props(**grid: Any) -> dict[str, Any]:
    """updateSheetProperties of sheet 0's gridProperties."""
    props = {"sheetId": 0, "gridProperties": grid}
    return {"updateSheetProperties": {"properties": props, "fields": "gridProperties.rowCount"}}


def test_an_unknown_body_field_is_refused_at_any_depth(api: GoogleHttp, sid: str) -> None:
    """Request → UpdateSheetPropertiesRequest → SheetProperties → GridProperties has no
    `colour` (sheets.v4.json schemas, through $ref); ValueRange has no `note` inside the
    `data` array of values:batchUpdate. Wording: 'Invalid JSON payload received. Unknown name
    "headerValues" at 'requests[0].update_sheet_properties.properties': Cannot find field.'
    (theoephraim/node-google-spreadsheet#523), one line per unknown name
    (googleapis/google-api-php-client#1403)."""
    error = _refused(api.batch(sid, _props(rowCount=5, colour=1)))
    at = "requests[0].update_sheet_properties.properties.grid_properties"
    assert error["message"] == (
        f"Invalid JSON payload received. Unknown name \"colour\" at '{at}': Cannot find field."
    )
    assert _field_violations(error)[0]["field"] == at
    body = {"valueInputOption": "RAW", "data": [{"range": "A1", "values": [[1]], "note": "x"}]}
    error = _refused(api("POST", f"{SHEETS}/{sid}/values:batchUpdate", json=body))
    assert "Unknown name \"note\" at 'data[0]': Cannot find field." in error["message"]
    two = {"addSheet": {"properties": {"titel": "x"}, "index": 1}}
    assert _refused(api.batch(sid, two))["message"].split("\n") == [
        'Invalid JSON payload received. Unknown name "titel" at '
        "'requests[0].add_sheet.properties': Cannot find field.",
        "Invalid JSON payload received. Unknown name \"index\" at 'requests[0].add_sheet': "
        "Cannot find field.",
    ]
    assert len(api.metadata(sid)["sheets"]) == 1  # nothing applied


def test_an_unknown_field_in_a_map_value_and_a_drive_body_is_refused(
    api: GoogleHttp, sid: str
) -> None:
    """drive.v3.json: File.appProperties is `additionalProperties: {type: string}`, so a map
    value must be a string; Permission has no v2 `value` field (v3 renamed it emailAddress,
    Drive v3 "Migrate to Drive API v3"). Drive's answer to an unknown body field is not
    documented: the fake answers Google's parser sentence with Drive's errors[] shape."""
    body = {"appProperties": {"period": 202610}}
    error = _refused(api("PATCH", f"{DRIVE}/files/{sid}", json=body))
    assert error["message"] == "Invalid value at 'app_properties[period]' (TYPE_STRING), 202610"
    assert error["errors"][0]["reason"] == "invalid"
    perm = {"type": "user", "role": "reader", "value": BUDI}
    error = _refused(api("POST", f"{DRIVE}/files/{sid}/permissions", json=perm))
    assert (
        error["message"]
        == 'Invalid JSON payload received. Unknown name "value": Cannot find field.'
    )


def test_a_wrong_json_type_is_refused(api: GoogleHttp, sid: str) -> None:
    """GridProperties.rowCount and SheetProperties.sheetId are `integer`/int32, ValueRange
    .values is an array of arrays (each row a google.protobuf.ListValue), ValueRange.range a
    string, SheetProperties.hidden a boolean. Wording: "Invalid value at 'data.values[0]'
    (type.googleapis.com/google.protobuf.ListValue), "A"" (burnash/gspread#668, from a
    values.update, whose body binds to `data`), "(TYPE_INT32), "abc"" (measured on Docs v1).
    A list for a single field: "Proto field is not repeating, cannot start list."
    (zed-industries/zed#53919)."""
    error = _refused(api.batch(sid, _props(rowCount="many")))
    path = "requests[0].update_sheet_properties.properties.grid_properties.row_count"
    assert error["message"] == f"Invalid value at '{path}' (TYPE_INT32), \"many\""
    assert _field_violations(error) == [{"field": path, "description": error["message"]}]
    url = f"{SHEETS}/{sid}/values/A1"
    error = _refused(api("PUT", url, json={"values": ["A"]}, params={"valueInputOption": "RAW"}))
    assert error["message"] == (
        "Invalid value at 'data.values[0]' (type.googleapis.com/google.protobuf.ListValue), \"A\""
    )
    error = _refused(
        api("PUT", url, json={"values": [["A"]], "range": 1}, params={"valueInputOption": "RAW"})
    )
    assert error["message"] == "Invalid value at 'data.range' (TYPE_STRING), 1"
    hidden = {"properties": {"sheetId": 0, "hidden": "true"}, "fields": "hidden"}
    error = _refused(api.batch(sid, {"updateSheetProperties": hidden}))
    assert 'sheet_properties.properties.hidden\' (TYPE_BOOL), "true"' in error["message"]
    listed = {"properties": {"sheetId": 0, "title": ["a"]}, "fields": "title"}
    error = _refused(api.batch(sid, {"updateSheetProperties": listed}))
    assert error["message"] == (
        'Invalid JSON payload received. Unknown name "title" at '
        "'requests[0].update_sheet_properties.properties': Proto field is not repeating, "
        "cannot start list."
    )
    assert api.values(sid, "A1") is None  # nothing was written


def test_integers_as_strings_and_nulls_are_accepted_as_proto3_json_does() -> None:
    """proto3 JSON mapping (protobuf.dev "ProtoJSON format"): int32/int64 are "either numbers
    or strings", and drive.v3.json types int64 fields (File.size) as `string` with format
    int64; `null` is "not given" (gspread 6.2.1 sends "majorDimension": null, ../shared/
    conformance/README.md). Checked on the validator alone: the handlers own the semantics."""
    check_body("drive", "drive.files.create", "File", {"name": "a", "size": "12", "version": 3})
    check_body("sheets", "x", "ValueRange", {"values": [["a", None]], "majorDimension": None})
    check_body("sheets", "x", "GridProperties", {"rowCount": "5", "columnCount": 3.0})
    for bad in ({"size": "12.5"}, {"size": True}, {"name": 3}):
        with pytest.raises(Refusal, match="Invalid value at"):
            check_body("drive", "drive.files.create", "File", bad)


def test_an_unknown_enum_value_is_refused(api: GoogleHttp, sid: str) -> None:
    """CellFormat.horizontalAlignment is enum [HORIZONTAL_ALIGN_UNSPECIFIED, LEFT, CENTER,
    RIGHT] and ValueRange.majorDimension [DIMENSION_UNSPECIFIED, ROWS, COLUMNS] (sheets.v4
    .json). Wording: "Invalid value at 'write_control.write_mode' (type.googleapis.com/
    google.apps.docs.v1.WriteControl.WriteMode), "TOTALLY_BOGUS_WRITE_MODE"" (measured on
    Docs v1); the enum's proto name is the fake's guess (see discovery.py)."""
    cell = {"userEnteredFormat": {"horizontalAlignment": "MIDDLE"}}
    repeat = {"range": grid_range(0, 1, 0, 1), "cell": cell, "fields": "userEnteredFormat"}
    error = _refused(api.batch(sid, {"repeatCell": repeat}))
    assert error["message"].startswith(
        "Invalid value at 'requests[0].repeat_cell.cell.user_entered_format.horizontal_alignment'"
    )
    assert error["message"].endswith('"MIDDLE"')
    body = {"values": [["a"]], "majorDimension": "DIAGONAL"}
    put = api("PUT", f"{SHEETS}/{sid}/values/A1", json=body, params={"valueInputOption": "RAW"})
    assert _refused(put)["message"] == (
        "Invalid value at 'data.major_dimension' "
        '(type.googleapis.com/google.apps.sheets.v4.Dimension), "DIAGONAL"'
    )


def test_a_batch_request_must_set_exactly_one_kind(api: GoogleHttp, sid: str) -> None:
    """Request is "A single kind of update to apply to a spreadsheet" (sheets.v4.json), a
    oneof. Wording, both measured on Docs v1, whose batchUpdate Request is the same kind of
    oneof: "Invalid requests[0]: No request set." and "Invalid value at 'requests[0]'
    (oneof), oneof field 'request' is already set. Cannot set 'deleteContentRange'" (the
    Sheets oneof is named `kind`). A key whose value is null is not set."""
    error = _refused(api.batch(sid, {"addSheet": {"properties": {"title": "a"}}}, {}))
    assert error["message"] == "Invalid requests[1]: No request set."
    error = _refused(api.batch(sid, {"addSheet": None, "deleteSheet": None}))
    assert error["message"] == "Invalid requests[0]: No request set."
    two = {"addSheet": {"properties": {"title": "a"}}, "deleteSheet": {"sheetId": 0}}
    assert _refused(api.batch(sid, two))["message"] == (
        "Invalid value at 'requests[0]' (oneof), oneof field 'kind' is already set. "
        "Cannot set 'deleteSheet'"
    )
    assert len(api.metadata(sid)["sheets"]) == 1


def test_an_unknown_query_parameter_is_refused(api: GoogleHttp, sid: str) -> None:
    """A query parameter must be one of the method's `parameters` with location query, or
    one of the document's global `parameters` (fields, alt, key, prettyPrint, quotaUser...);
    spreadsheetId is a path parameter. Wording: 'Invalid JSON payload received. Unknown name
    "X": Cannot bind query parameter. Field 'X' could not be found in request message.'
    (VBA-tools/VBA-Web#332 on Sheets). Drive's answer is not documented: the fake is strict
    there too, with Drive's errors[] shape."""
    url = f"{SHEETS}/{sid}/values/A1"
    for name in ("valueInputOption", "spreadsheetId", "includeGridData"):
        error = _refused(api("GET", url, params={name: "RAW"}))
        assert error["message"] == (
            f'Invalid JSON payload received. Unknown name "{name}": Cannot bind query '
            f"parameter. Field '{name}' could not be found in request message."
        )
    error = _refused(api("GET", f"{DRIVE}/files", params={"maxResults": "10"}))
    assert error["errors"][0]["location"] == "maxResults"
    assert _ok(api("GET", url, params={"prettyPrint": "false", "quotaUser": "x", "alt": "json"}))


def test_a_query_parameter_of_the_wrong_type_or_enum_is_refused(api: GoogleHttp, sid: str) -> None:
    """sheets.spreadsheets.get includeGridData is `boolean`, drive.files.list pageSize
    `integer`/int32, values.get valueRenderOption an enum, $.xgafv an enum [1, 2] (global),
    valueInputOption not `repeated` where `ranges` is. Wording: "Invalid value at
    'value_input_option' (type.googleapis.com/google.apps.sheets.v4.ValueInputOption),
    "USER_ENTER"" (johnkhansrc/NestGoogleSheetConnector#6); "(TYPE_INT32), "NOPE"" for Drive
    pageSize (brekkylab/backlot#337); "Invalid query parameters. Invalid value '9' for system
    query parameter : $.xgafv" (measured by brekkylab/backlot, backlot/errors/google.py).
    Google accepts gspread's True/False (../shared/conformance/README.md)."""
    error = _refused(api("GET", f"{SHEETS}/{sid}", params={"includeGridData": "yes"}))
    assert error["message"] == "Invalid value at 'include_grid_data' (TYPE_BOOL), \"yes\""
    error = _refused(api("GET", f"{DRIVE}/files", params={"pageSize": "NOPE"}))
    assert error["message"] == "Invalid value at 'page_size' (TYPE_INT32), \"NOPE\""
    assert error["errors"][0] | {"message": ""} == {
        "message": "",
        "domain": "global",
        "reason": "invalid",
        "location": "pageSize",
        "locationType": "parameter",
    }
    values = f"{SHEETS}/{sid}/values/A1"
    error = _refused(api("GET", values, params={"valueRenderOption": "RAW"}))
    assert error["message"] == (
        "Invalid value at 'value_render_option' "
        '(type.googleapis.com/google.apps.sheets.v4.ValueRenderOption), "RAW"'
    )
    error = _refused(api("GET", values, params={"$.xgafv": "9"}))
    assert error["message"] == (
        "Invalid query parameters. Invalid value '9' for system query parameter : $.xgafv"
    )
    twice = f"{values}?valueInputOption=RAW&valueInputOption=RAW"
    assert "not repeated" in _refused(api("PUT", twice, json={"values": [["a"]]}))["message"]
    assert _ok(api("GET", f"{SHEETS}/{sid}", params={"includeGridData": "False"}))
    assert _ok(api("GET", f"{SHEETS}/{sid}/values:batchGet", params={"ranges": ["A1", "B2"]}))


def test_a_missing_required_query_parameter_is_refused(api: GoogleHttp, sid: str) -> None:
    """drive.files.export's mimeType is `required: true` (drive.v3.json). Wording "Required
    parameter: mimeType", reason required (brekkylab/backlot, errors.required)."""
    error = _refused(api("GET", f"{DRIVE}/files/{sid}/export"))
    assert error["message"] == "Required parameter: mimeType"
    assert error["errors"][0]["reason"] == "required"


def test_a_bad_fields_mask_on_drive_is_refused(api: GoogleHttp, sid: str) -> None:
    """The `fields` mask must name fields of the method's response: FileList has `files`
    (File) and nextPageToken, File has no `nme` and no v2 `title`. Wording and shape:
    "Invalid field selection items", reason invalidParameter, location fields, locationType
    parameter (googleworkspace/java-samples#1547); Drive accepts spaces after commas."""
    error = _refused(api("GET", f"{DRIVE}/files", params={"fields": "files(id,nme),nextPageToken"}))
    assert error == {
        "code": 400,
        "message": "Invalid field selection nme",
        "errors": [
            {
                "message": "Invalid field selection nme",
                "domain": "global",
                "reason": "invalidParameter",
                "location": "fields",
                "locationType": "parameter",
            }
        ],
    }
    error = _refused(api("GET", f"{DRIVE}/files/{sid}", params={"fields": "id,title"}))
    assert error["message"] == "Invalid field selection title"
    fine = "nextPageToken, files(id, name, capabilities/canEdit, appProperties/period)"
    assert "files" in _ok(api("GET", f"{DRIVE}/files", params={"fields": fine}))


def test_a_bad_fields_mask_on_sheets_is_refused(api: GoogleHttp, sid: str) -> None:
    """The mask must name fields of Spreadsheet (sheets.v4.json); Sheets does not drop the
    space in "properties, sheets.properties". Wording and shape: message "Request contains an
    invalid argument.", path only in the BadRequest detail, "Error expanding 'fields'
    parameter. Cannot find matching fields for path ' sheets.properties'."
    (ringo380/claude-google-sheets-mcp#2; brekkylab/backlot, errors.bad_field_mask)."""
    error = _refused(
        api("GET", f"{SHEETS}/{sid}", params={"fields": "properties, sheets.properties"})
    )
    assert error["message"] == "Request contains an invalid argument."
    assert _field_violations(error) == [
        {
            "field": " sheets.properties",
            "description": "Error expanding 'fields' parameter. Cannot find matching fields "
            "for path ' sheets.properties'.",
        }
    ]
    error = _refused(api("GET", f"{SHEETS}/{sid}", params={"fields": "sheets(properties(nope))"}))
    assert _field_violations(error)[0]["field"] == "sheets.properties.nope"
    url = f"{SHEETS}/{sid}/values:batchGet"
    error = _refused(api("GET", url, params={"ranges": "A1", "fields": "valueRanges.vals"}))
    assert _field_violations(error)[0]["field"] == "valueRanges.vals"
    mask = "sheets.data.rowData.values.note,sheets(properties(sheetId,title))"
    assert "sheets" in _ok(api("GET", f"{SHEETS}/{sid}", params={"fields": mask}))


@pytest.mark.parametrize(
    ("kind", "request_", "bad"),
    [
        ("updateSheetProperties", {"properties": {"sheetId": 0}}, "gridProperties.colour"),
        ("updateSpreadsheetProperties", {"properties": {"locale": "in_ID"}}, "locales"),
        ("repeatCell", {"range": grid_range(0, 1, 0, 1), "cell": {}}, "userEnteredFormat.bold"),
        ("updateCells", {"range": grid_range(0, 1, 0, 1), "rows": []}, "userEnteredValues"),
        (
            "updateDimensionProperties",
            {"range": {"sheetId": 0, "dimension": "ROWS", "startIndex": 0, "endIndex": 1}},
            "pixelSiz",
        ),
    ],
)
def test_an_update_mask_naming_no_field_is_refused(
    api: GoogleHttp, sid: str, kind: str, request_: dict[str, Any], bad: str
) -> None:
    """An update request's `fields` (format google-fieldmask) names fields of the schema its
    description names: CellData for updateCells ("The fields of CellData that should be
    updated"), `properties` (SheetProperties, SpreadsheetProperties, DimensionProperties),
    `cell` (CellData) for repeatCell (sheets.v4.json). Wording: "Invalid requests[0]
    .updateParagraphStyle: Invalid field: bogus_mask_field_xyz" (measured on Docs v1; assumed
    for Sheets, which answers its other per-request errors in the same grammar, e.g.
    "Invalid requests[0].repeatCell: No grid with id: 0")."""
    error = _refused(api.batch(sid, {kind: {**request_, "fields": bad}}))
    assert error["message"] == f"Invalid requests[0].{kind}: Invalid field: {bad}"


def test_update_masks_google_accepts_pass(api: GoogleHttp, sid: str, fake: FakeGoogle) -> None:
    """The masks of the recorded gspread traffic (WorksheetTest.test_format.json:
    "userEnteredFormat(backgroundColor,horizontalAlignment,textFormat)"; test_get_notes:
    "note") and "*" (RepeatCellRequest.fields: "A single `*` can be used as short-hand for
    listing every field") pass, as does an updateProtectedRange mask of ProtectedRange."""
    fmt = {"backgroundColor": {"red": 1}, "horizontalAlignment": "CENTER"}
    masks = ["userEnteredFormat(backgroundColor,horizontalAlignment,textFormat)", "*"]
    for mask in masks:
        repeat = {
            "range": grid_range(0, 1, 0, 1),
            "cell": {"userEnteredFormat": fmt},
            "fields": mask,
        }
        _ok(api.batch(sid, {"repeatCell": repeat}))
    cells = {
        "range": grid_range(0, 1, 0, 1),
        "rows": [{"values": [{"note": "n"}]}],
        "fields": "note",
    }
    _ok(api.batch(sid, {"updateCells": cells}))
    reply = _ok(api.protect(sid, [SA]))["replies"][0]["addProtectedRange"]["protectedRange"]
    update = {"protectedRange": {**reply, "warningOnly": True}, "fields": "warningOnly,editors"}
    _ok(api.batch(sid, {"updateProtectedRange": update}))


def test_valid_adapter_and_gspread_requests_still_pass(api: GoogleHttp, sid: str) -> None:
    """What gspread 6.2.1 really sends (../shared/conformance): nulls for absent fields,
    Python-style booleans in the query, `fields` masks of Drive's path form and Sheets'
    dotted form, repeated `ranges`; and gspread's insert_permission body with the v2
    `withLink`, which Drive v3 ignores (burnash/gspread#1115)."""
    url = f"{SHEETS}/{sid}/values/A1:B2"
    body = {"values": [["a", 1], [None, True]], "majorDimension": None, "range": None}
    _ok(api("PUT", url, json=body, params={"valueInputOption": "USER_ENTERED"}))
    get = {"ranges": ["'Sheet1'!A1:B1", "Sheet1!A2"], "valueRenderOption": "UNFORMATTED_VALUE"}
    assert len(_ok(api("GET", f"{SHEETS}/{sid}/values:batchGet", params=get))["valueRanges"]) == 2
    params = {"includeGridData": "False", "ranges": "Sheet1!A2", "fields": "sheets.data"}
    _ok(api("GET", f"{SHEETS}/{sid}", params=params))
    listing = {
        "q": 'mimeType="application/vnd.google-apps.spreadsheet"',
        "pageSize": 1000,
        "supportsAllDrives": "True",
        "includeItemsFromAllDrives": "True",
        "fields": "kind,nextPageToken,files(id,name,createdTime,modifiedTime)",
    }
    _ok(api("GET", f"{DRIVE}/files", params=listing))
    perm = {"type": "user", "role": "reader", "emailAddress": ANA, "withLink": False}
    share = {"supportsAllDrives": "true", "sendNotificationEmail": False}
    created = _ok(api("POST", f"{DRIVE}/files/{sid}/permissions", json=perm, params=share))
    assert "withLink" not in created
    copy = {"name": None, "mimeType": "application/vnd.google-apps.spreadsheet"}
    _ok(api("POST", f"{DRIVE}/files/{sid}/copy", json=copy, params={"supportsAllDrives": True}))
    # gspread 5.x's files.get, recorded answered 200 by Drive (ClientTest.test_create.json)
    recorded = {"supportsAllDrives": "True", "includeItemsFromAllDrives": "True"}
    _ok(api("GET", f"{DRIVE}/files/{sid}", params={**recorded, "fields": "id,name"}))


def test_a_refused_request_is_logged_but_not_applied(
    api: GoogleHttp, sid: str, fake: FakeGoogle
) -> None:
    """The request log still records what was sent; nothing of a refused request runs."""
    before = len(fake.request_log)
    url = f"{SHEETS}/{sid}/values/A1"
    _refused(
        api("PUT", url, json={"values": [["x"]], "bogus": 1}, params={"valueInputOption": "RAW"})
    )
    assert len(fake.request_log) == before + 1 and fake.request_log[-1][0] == "PUT"
    assert api.values(sid, "A1") is None


def test_the_upload_metadata_is_a_file_and_the_docs_export_is_not_checked(
    api: GoogleHttp, sid: str
) -> None:
    """/upload/drive/v3/files is drive.files.create's mediaUpload path (drive.v3.json
    "mediaUpload.protocols.simple.path"), so its multipart metadata part is a File, which
    has no v2 `title`; a media upload's body is the file. The docs.google.com export URL is in
    no discovery document and keeps taking its own parameters."""
    boundary = "b0undary"
    meta = '{"title": "Bukti.pdf"}'
    data = (
        f"--{boundary}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n{meta}\r\n"
        f"--{boundary}\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--{boundary}--\r\n"
    )
    headers = {"Content-Type": f"multipart/related; boundary={boundary}"}
    params = {"uploadType": "multipart"}
    upload = api("POST", UPLOAD, "tok-ana", data=data.encode(), headers=headers, params=params)
    assert (
        _refused(upload)["message"]
        == 'Invalid JSON payload received. Unknown name "title": Cannot find field.'
    )
    good = data.replace(meta, '{"name": "Bukti.pdf"}').encode()
    _ok(api("POST", UPLOAD, "tok-ana", data=good, headers=headers, params=params))
    media = {"uploadType": "media"}  # the body is the file, even when the file is JSON
    _ok(api("POST", UPLOAD, "tok-ana", json={"title": 1}, params=media))
    export = f"https://docs.google.com/spreadsheets/d/{sid}/export"
    response = api("GET", export, params={"format": "csv", "gid": "0", "portrait": "false"})
    assert response.status_code == 200, response.text

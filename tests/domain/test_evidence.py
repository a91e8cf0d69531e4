"""Drive links in the evidence column."""

from __future__ import annotations

import pytest

from service.domain.evidence import drive_file_id, unreachable_text


@pytest.mark.parametrize(("link", "expected"), [
    ("https://drive.google.com/file/d/1AbCdEfGhIjKlMnOp/view?usp=sharing", "1AbCdEfGhIjKlMnOp"),
    ("https://docs.google.com/spreadsheets/d/1ZyXwVuTsRqPoNm_-k/edit#gid=0", "1ZyXwVuTsRqPoNm_-k"),
    ("https://drive.google.com/open?id=1AbCdEfGhIjKlMnOp", "1AbCdEfGhIjKlMnOp"),
    ("  https://docs.google.com/document/d/1AbCdEfGhIjKlMnOp/edit ", "1AbCdEfGhIjKlMnOp"),
    ("https://example.org/file/d/1AbCdEfGhIjKlMnOp", None),
    ("https://drive.google.com/drive/folders/1AbCdEfGhIjKlMnOp", None),
    ("drive.google.com/file/d/1AbCdEfGhIjKlMnOp", None),
    # a link-shared file's resource key travels with the id, as Drive's header writes it
    ("https://drive.google.com/file/d/1AbCdEfGhIjKlMnOp/view?usp=sharing&resourcekey=0-Ab_c",
     "1AbCdEfGhIjKlMnOp/0-Ab_c"),
    (None, None), (12, None),
])
def test_drive_file_ids_are_read_from_sharing_links(link: object, expected: str | None) -> None:
    assert drive_file_id(link) == expected


def test_the_note_names_the_reviewers_in_indonesian() -> None:
    assert unreachable_text([]) is None
    assert unreachable_text(["Dewi"]) == "Dewi"
    assert unreachable_text(["Dewi", "Retno", "Bambang"]) == "Dewi, Retno dan Bambang"

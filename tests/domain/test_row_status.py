"""Row status on the master recap, and reading the Kasubag's review choice."""

import pytest

from service.domain.row_status import (
    BELUM_DIISI,
    BERMASALAH,
    DIKEMBALIKAN,
    DIPERBAIKI,
    REVIEW_OK,
    REVIEW_RETURN,
    SESUAI,
    TERISI,
    normalize_review,
    row_status,
)


def test_status_words_are_the_ones_the_recap_shows() -> None:
    assert (BELUM_DIISI, TERISI, BERMASALAH, SESUAI, DIKEMBALIKAN, DIPERBAIKI) == (
        "belum diisi",
        "terisi",
        "bermasalah",
        "sesuai",
        "dikembalikan",
        "diperbaiki",
    )
    assert (REVIEW_OK, REVIEW_RETURN) == ("Sesuai", "Tidak Sesuai")


# --- normalize_review ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["Sesuai", "sesuai", "SESUAI", "  Sesuai  ", "s", "S", "ok", "OK"]
)
def test_typed_variants_of_sesuai_are_read_as_sesuai(typed: str) -> None:
    assert normalize_review(typed) == REVIEW_OK


@pytest.mark.parametrize(
    "typed",
    [
        "Tidak Sesuai",
        "tidak sesuai",
        "TIDAK   SESUAI",
        " tidak\tsesuai ",
        "tidak",
        "TS",
        "ts",
        "tdk sesuai",
        "Tdk  Sesuai",
    ],
)
def test_typed_variants_of_tidak_sesuai_are_read_as_return(typed: str) -> None:
    assert normalize_review(typed) == REVIEW_RETURN


@pytest.mark.parametrize("typed", [None, "", "   ", "mungkin", "sesuai?", "tidaksesuai", 1, True])
def test_anything_else_is_no_review(typed: object) -> None:
    assert normalize_review(typed) is None


# --- row_status ---------------------------------------------------------------------------


def status(
    has_value: bool = True,
    has_findings: bool = False,
    review: str | None = None,
    returned: dict[str, object] | None = None,
    current: dict[str, object] | None = None,
) -> str:
    return row_status(has_value, has_findings, review, returned, current or {"realisasi": "85"})


def test_blank_row_is_belum_diisi() -> None:
    assert status(has_value=False) == BELUM_DIISI


def test_filled_row_without_findings_is_terisi() -> None:
    assert status() == TERISI


def test_row_with_findings_is_bermasalah() -> None:
    assert status(has_findings=True) == BERMASALAH


def test_blank_row_with_a_finding_is_bermasalah_not_belum_diisi() -> None:
    # e.g. "kosong" after the deadline
    assert status(has_value=False, has_findings=True) == BERMASALAH


def test_filled_row_accepted_by_kasubag_is_sesuai() -> None:
    assert status(review=REVIEW_OK) == SESUAI


def test_findings_outweigh_a_sesuai_review() -> None:
    assert status(has_findings=True, review=REVIEW_OK) == BERMASALAH


def test_sesuai_on_a_blank_row_is_still_belum_diisi() -> None:
    assert status(has_value=False, review=REVIEW_OK) == BELUM_DIISI


def test_returned_row_unchanged_since_return_is_dikembalikan() -> None:
    snapshot = {"realisasi": "85", "keterangan": "x"}
    assert status(review=REVIEW_RETURN, returned=snapshot, current=dict(snapshot)) == DIKEMBALIKAN


def test_returned_row_changed_by_the_official_is_diperbaiki() -> None:
    assert (
        status(review=REVIEW_RETURN, returned={"realisasi": "85"}, current={"realisasi": "90"})
        == DIPERBAIKI
    )


def test_changing_only_the_note_also_counts_as_diperbaiki() -> None:
    returned = {"realisasi": "85", "keterangan": ""}
    current = {"realisasi": "85", "keterangan": "sudah sesuai data SIAK"}
    assert status(review=REVIEW_RETURN, returned=returned, current=current) == DIPERBAIKI


def test_return_state_wins_over_findings() -> None:
    snapshot = {"realisasi": "abc"}
    assert (
        status(has_findings=True, review=REVIEW_RETURN, returned=snapshot, current=snapshot)
        == DIKEMBALIKAN
    )
    assert (
        status(
            has_findings=True,
            review=REVIEW_RETURN,
            returned=snapshot,
            current={"realisasi": "abcd"},
        )
        == DIPERBAIKI
    )


def test_return_of_a_blank_row_that_gets_filled_is_diperbaiki() -> None:
    assert (
        status(
            has_value=True,
            review=REVIEW_RETURN,
            returned={"realisasi": None},
            current={"realisasi": "12"},
        )
        == DIPERBAIKI
    )


def test_tidak_sesuai_without_a_snapshot_falls_back_to_the_content_status() -> None:
    assert status(review=REVIEW_RETURN, returned=None) == TERISI
    assert status(has_findings=True, review=REVIEW_RETURN, returned=None) == BERMASALAH
    assert status(has_value=False, review=REVIEW_RETURN, returned=None) == BELUM_DIISI


def test_a_snapshot_without_a_return_review_is_ignored() -> None:
    assert status(review=REVIEW_OK, returned={"realisasi": "1"}, current={"realisasi": "2"}) == (
        SESUAI
    )
    assert status(review=None, returned={"realisasi": "1"}, current={"realisasi": "2"}) == TERISI


def test_changing_back_to_the_returned_value_is_dikembalikan_again() -> None:
    returned = {"realisasi": "85"}
    assert status(review=REVIEW_RETURN, returned=returned, current={"realisasi": "90"}) == (
        DIPERBAIKI
    )
    assert status(review=REVIEW_RETURN, returned=returned, current={"realisasi": "85"}) == (
        DIKEMBALIKAN
    )


def test_the_whole_lifecycle_belum_terisi_dikembalikan_diperbaiki_sesuai() -> None:
    assert status(has_value=False, current={"realisasi": None}) == BELUM_DIISI
    assert status(current={"realisasi": "85"}) == TERISI
    snapshot = {"realisasi": "85"}
    assert status(review=REVIEW_RETURN, returned=snapshot, current={"realisasi": "85"}) == (
        DIKEMBALIKAN
    )
    assert status(review=REVIEW_RETURN, returned=snapshot, current={"realisasi": "88"}) == (
        DIPERBAIKI
    )
    assert status(review=REVIEW_OK, returned=None, current={"realisasi": "88"}) == SESUAI

"""The status of one official x indicator row, as the master recap shows it.

A row moves: belum diisi -> terisi | bermasalah -> (Kasubag) sesuai | dikembalikan ->
diperbaiki -> sesuai. "Dikembalikan" stays until the official changes something in the row,
so the Kasubag sees at a glance which returns have been answered.
"""

from __future__ import annotations

from collections.abc import Mapping

BELUM_DIISI = "belum diisi"
TERISI = "terisi"
BERMASALAH = "bermasalah"
SESUAI = "sesuai"
DIKEMBALIKAN = "dikembalikan"
DIPERBAIKI = "diperbaiki"

REVIEW_OK = "Sesuai"
REVIEW_RETURN = "Tidak Sesuai"


def normalize_review(value: object) -> str | None:
    """What the Kasubag chose; tolerant of case and spacing typed instead of the dropdown."""
    if value is None:
        return None
    text = " ".join(str(value).split()).lower()
    if text in ("sesuai", "s", "ok"):
        return REVIEW_OK
    if text in ("tidak sesuai", "tidak", "ts", "tdk sesuai"):
        return REVIEW_RETURN
    return None


def row_status(
    has_value: bool,
    has_findings: bool,
    review: str | None,
    returned_values: Mapping[str, object] | None,
    current_values: Mapping[str, object],
) -> str:
    if review == REVIEW_RETURN and returned_values is not None:
        return DIPERBAIKI if dict(current_values) != dict(returned_values) else DIKEMBALIKAN
    if has_findings:
        return BERMASALAH
    if not has_value:
        return BELUM_DIISI
    if review == REVIEW_OK:
        return SESUAI
    return TERISI

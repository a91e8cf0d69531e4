"""NIP and email checks, and roster lookups."""

import pytest

from service.domain.roster import (
    ROLE_LABELS,
    Official,
    Role,
    Roster,
    email_problem,
    nip_problem,
)

VALID_NIP = "199002102015031005"  # born 10 Feb 1990, CPNS Mar 2015, male, no. 005


def official(nip: str, role: Role, name: str = "Nama") -> Official:
    return Official(nip, name, "Jabatan", f"{nip}@dinas.example", "Unit", role)


# --- NIP ----------------------------------------------------------------------------------


def test_a_real_shaped_nip_has_no_problem() -> None:
    assert nip_problem(VALID_NIP) is None


@pytest.mark.parametrize(
    "nip", ["19900210201503100", "1990021020150310051", "", "19900210 2015031005"]
)
def test_nip_must_be_exactly_eighteen_digits(nip: str) -> None:
    assert nip_problem(nip) == f"NIP harus 18 digit angka, bukan {nip!r}"


def test_nip_with_a_letter_is_refused_with_its_repr() -> None:
    assert nip_problem("19900210201503100A") == (
        "NIP harus 18 digit angka, bukan '19900210201503100A'"
    )


def test_nip_written_as_excel_float_is_refused() -> None:
    assert nip_problem("1.99002102015031e+17") == (
        "NIP harus 18 digit angka, bukan '1.99002102015031e+17'"
    )


@pytest.mark.parametrize(
    "nip",
    [
        "199000102015031005",  # month 00
        "199013102015031005",  # month 13
        "199002002015031005",  # day 00
        "199002322015031005",  # day 32
    ],
)
def test_nip_with_an_impossible_birth_month_or_day_is_refused(nip: str) -> None:
    assert nip_problem(nip) == f"NIP {nip} memuat tanggal lahir yang tidak valid"


@pytest.mark.parametrize("nip", ["199001012015031005", "199012312015031005"])
def test_nip_birth_date_boundaries_are_accepted(nip: str) -> None:
    assert nip_problem(nip) is None


def test_nip_born_on_thirty_first_of_february_is_refused() -> None:
    nip = "199002312015031005"
    assert nip_problem(nip) == f"NIP {nip} memuat tanggal lahir yang tidak valid"


def test_nip_with_a_trailing_newline_is_refused() -> None:
    assert (
        nip_problem(VALID_NIP + "\n") == f"NIP harus 18 digit angka, bukan {VALID_NIP + chr(10)!r}"
    )


# --- email --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "email",
    [
        "andi.prasetyo@dukcapil-mojokerto.example",
        "a.b+c@mail.go.id",
        "x_y%z@sub.domain.co.id",
    ],
)
def test_ordinary_office_addresses_are_accepted(email: str) -> None:
    assert email_problem(email) is None


@pytest.mark.parametrize(
    "email",
    [
        "andi@",
        "@dinas.go.id",
        "andi prasetyo@dinas.go.id",
        "andi@localhost",
        "andi@dinas.c",
        "andi@@dinas.go.id",
        "andi@dinas..go.id",
        "andi.dinas.go.id",
        "",
    ],
)
def test_malformed_addresses_are_refused_with_their_repr(email: str) -> None:
    assert email_problem(email) == f"alamat email {email!r} tidak valid"


# --- roles and roster ---------------------------------------------------------------------


def test_roles_are_listed_in_sop_column_order_with_labels() -> None:
    assert [r.value for r in Role] == ["PJ", "PP", "KS", "SK", "KD"]
    assert Role.KS.label == "Kasubag Penyusunan Program"
    assert Role.KD.label == "Kepala Dinas"
    assert set(ROLE_LABELS) == set(Role)


def test_role_is_a_string_enum_built_from_its_code() -> None:
    assert Role("SK") is Role.SK
    assert Role.SK == "SK"


ROSTER = Roster(
    (
        official("197003121995031001", Role.KD, "Kadis"),
        official("199002102015031005", Role.PP, "Andi"),
        official("197509231999031004", Role.PJ, "Agus"),
        official("198004042005012009", Role.PJ, "Sri"),
    )
)


def test_by_nip_finds_the_official() -> None:
    assert ROSTER.by_nip("197509231999031004").name == "Agus"


def test_by_nip_of_an_unknown_nip_raises_key_error_naming_it() -> None:
    with pytest.raises(KeyError, match="111111111111111111"):
        ROSTER.by_nip("111111111111111111")


def test_with_role_lists_holders_in_roster_order() -> None:
    assert [o.name for o in ROSTER.with_role(Role.PJ)] == ["Agus", "Sri"]
    assert ROSTER.with_role(Role.SK) == []


def test_approver_is_the_single_holder_or_none() -> None:
    assert ROSTER.approver(Role.KD).name == "Kadis"  # type: ignore[union-attr]
    assert ROSTER.approver(Role.KS) is None


def test_approver_with_two_holders_is_the_first_listed() -> None:
    roster = Roster((official("1" * 18, Role.KS, "Pertama"), official("2" * 18, Role.KS, "Kedua")))
    assert roster.approver(Role.KS).name == "Pertama"  # type: ignore[union-attr]


def test_empty_roster_has_no_one() -> None:
    empty = Roster(())
    assert empty.with_role(Role.PJ) == []
    assert empty.approver(Role.PP) is None

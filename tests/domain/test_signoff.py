"""The sign-off chain PP -> KS -> SK -> KD: every tick order, blockers, withdrawal, closing."""

from itertools import permutations

import pytest

from service.domain.roster import Role
from service.domain.signoff import CHAIN, SIGNOFF_LABELS, Decision, SignOffState

PP, KS, SK, KD = Role.PP, Role.KS, Role.SK, Role.KD

# For every order in which the four approvers might tick, the ticks the chain accepts (a
# refused tick is not retried). Written out by hand, not computed.
ACCEPTED_BY_ORDER: dict[tuple[Role, ...], tuple[Role, ...]] = {
    (PP, KS, SK, KD): (PP, KS, SK, KD),
    (PP, KS, KD, SK): (PP, KS, SK),
    (PP, SK, KS, KD): (PP, KS),
    (PP, SK, KD, KS): (PP, KS),
    (PP, KD, KS, SK): (PP, KS, SK),
    (PP, KD, SK, KS): (PP, KS),
    (KS, PP, SK, KD): (PP,),
    (KS, PP, KD, SK): (PP,),
    (KS, SK, PP, KD): (PP,),
    (KS, SK, KD, PP): (PP,),
    (KS, KD, PP, SK): (PP,),
    (KS, KD, SK, PP): (PP,),
    (SK, PP, KS, KD): (PP, KS),
    (SK, PP, KD, KS): (PP, KS),
    (SK, KS, PP, KD): (PP,),
    (SK, KS, KD, PP): (PP,),
    (SK, KD, PP, KS): (PP, KS),
    (SK, KD, KS, PP): (PP,),
    (KD, PP, KS, SK): (PP, KS, SK),
    (KD, PP, SK, KS): (PP, KS),
    (KD, KS, PP, SK): (PP,),
    (KD, KS, SK, PP): (PP,),
    (KD, SK, PP, KS): (PP, KS),
    (KD, SK, KS, PP): (PP,),
}


def tick_in_order(order: tuple[Role, ...]) -> tuple[SignOffState, list[Role], list[str]]:
    state = SignOffState()
    accepted: list[Role] = []
    reasons: list[str] = []
    for role in order:
        decision = state.can_sign(role)
        if decision.accepted:
            state = state.sign(role)
            accepted.append(role)
        else:
            reasons.append(decision.reason)
    return state, accepted, reasons


def test_the_table_covers_every_order_of_the_four_ticks() -> None:
    assert set(ACCEPTED_BY_ORDER) == set(permutations(CHAIN))
    assert len(ACCEPTED_BY_ORDER) == 24


@pytest.mark.parametrize("order", list(permutations(CHAIN)), ids=lambda o: "-".join(o))
def test_every_tick_order_accepts_exactly_the_ticks_whose_predecessors_are_in_place(
    order: tuple[Role, ...],
) -> None:
    state, accepted, reasons = tick_in_order(order)
    assert tuple(accepted) == ACCEPTED_BY_ORDER[order]
    assert state.signed == ACCEPTED_BY_ORDER[order]
    assert len(reasons) == 4 - len(accepted)
    assert state.closed == (order == CHAIN)


def test_only_the_chain_order_closes_the_month() -> None:
    closing = [o for o in permutations(CHAIN) if tick_in_order(o)[0].closed]
    assert closing == [CHAIN]


def test_an_out_of_order_tick_names_the_missing_step() -> None:
    decision = SignOffState().can_sign(KD)
    assert decision == Decision(
        False, "Centang KD ditolak: menunggu Rekap selesai (Penyusun Program) lebih dulu."
    )


def test_out_of_order_refusals_name_the_next_step_in_the_chain() -> None:
    _, _, reasons = tick_in_order((PP, KD, SK, KS))
    assert reasons == [
        "Centang KD ditolak: menunggu Diverifikasi (Kasubag Penyusunan Program) lebih dulu.",
        "Centang SK ditolak: menunggu Diverifikasi (Kasubag Penyusunan Program) lebih dulu.",
    ]


def test_kd_waits_for_the_sekretaris_after_pp_and_ks() -> None:
    state = SignOffState((PP, KS))
    assert state.can_sign(KD).reason == (
        "Centang KD ditolak: menunggu Diperiksa (Sekretaris) lebih dulu."
    )


def test_labels_cover_the_four_steps_of_the_sop() -> None:
    assert SIGNOFF_LABELS == {
        PP: "Rekap selesai (Penyusun Program)",
        KS: "Diverifikasi (Kasubag Penyusunan Program)",
        SK: "Diperiksa (Sekretaris)",
        KD: "Disahkan (Kepala Dinas)",
    }


def test_next_role_walks_the_chain_then_is_none() -> None:
    state = SignOffState()
    seen = []
    while state.next_role is not None:
        seen.append(state.next_role)
        state = state.sign(state.next_role)
    assert seen == [PP, KS, SK, KD]
    assert state.closed


def test_an_empty_state_is_open_and_waits_for_pp() -> None:
    assert SignOffState().next_role is PP
    assert not SignOffState().closed


def test_a_second_tick_of_the_same_role_is_refused() -> None:
    assert SignOffState((PP,)).can_sign(PP) == Decision(False, "PP sudah menandatangani")


def test_pj_never_signs_the_recap() -> None:
    assert SignOffState().can_sign(Role.PJ) == Decision(
        False, "peran PJ tidak menandatangani rekap"
    )


def test_after_kd_every_tick_is_refused() -> None:
    closed = SignOffState(CHAIN)
    assert closed.closed
    for role in Role:
        assert not closed.can_sign(role).accepted
    assert closed.can_sign(KD).reason == "bulan ini sudah disahkan dan ditutup"


def test_sign_refuses_with_the_reason_as_value_error() -> None:
    with pytest.raises(ValueError, match=r"^Centang SK ditolak: menunggu Rekap selesai"):
        SignOffState().sign(SK)


def test_sign_returns_a_new_state_and_leaves_the_old_one() -> None:
    before = SignOffState()
    after = before.sign(PP)
    assert before.signed == ()
    assert after.signed == (PP,)


# --- blockers -----------------------------------------------------------------------------


def test_a_blocker_refuses_the_next_tick_and_names_the_blocker() -> None:
    decision = SignOffState().can_sign(PP, ("3 baris masih bermasalah",))
    assert decision == Decision(False, "Centang PP ditolak: 3 baris masih bermasalah")


def test_several_blockers_are_joined_with_semicolons() -> None:
    decision = SignOffState((PP,)).can_sign(KS, ("2 baris belum diperiksa", "1 baris dikembalikan"))
    assert decision.reason == "Centang KS ditolak: 2 baris belum diperiksa; 1 baris dikembalikan"


def test_order_is_reported_before_blockers() -> None:
    decision = SignOffState().can_sign(KS, ("2 baris belum diperiksa",))
    assert decision.reason == (
        "Centang KS ditolak: menunggu Rekap selesai (Penyusun Program) lebih dulu."
    )


def test_sign_with_blockers_raises_and_does_not_advance() -> None:
    state = SignOffState()
    with pytest.raises(ValueError, match="^Centang PP ditolak: data belum lengkap$"):
        state.sign(PP, ("data belum lengkap",))
    assert state.signed == ()


def test_no_blockers_accepts() -> None:
    assert SignOffState().can_sign(PP, ()) == Decision(True, "")


# --- withdrawal ---------------------------------------------------------------------------


@pytest.mark.parametrize("signed", [(PP,), (PP, KS), (PP, KS, SK)])
def test_the_latest_tick_may_be_withdrawn(signed: tuple[Role, ...]) -> None:
    state = SignOffState(signed)
    assert state.can_withdraw(signed[-1]) == Decision(True)
    assert state.withdraw(signed[-1]).signed == signed[:-1]


@pytest.mark.parametrize(
    ("signed", "role"),
    [((PP, KS), PP), ((PP, KS, SK), KS), ((PP, KS, SK), PP), ((PP, KS, SK, KD), SK)],
)
def test_an_earlier_tick_cannot_be_withdrawn(signed: tuple[Role, ...], role: Role) -> None:
    decision = SignOffState(signed).can_withdraw(role)
    assert decision == Decision(
        False, f"{role.value} hanya dapat ditarik bila belum ada tanda tangan sesudahnya"
    )


def test_an_unsigned_role_cannot_be_withdrawn() -> None:
    assert SignOffState().can_withdraw(PP).reason == (
        "PP hanya dapat ditarik bila belum ada tanda tangan sesudahnya"
    )
    assert SignOffState((PP,)).can_withdraw(KS).reason == (
        "KS hanya dapat ditarik bila belum ada tanda tangan sesudahnya"
    )


def test_kd_approval_is_never_withdrawn_only_reopened() -> None:
    closed = SignOffState(CHAIN)
    assert closed.can_withdraw(KD) == Decision(
        False, "bulan sudah disahkan: gunakan `kinerja month reopen`"
    )
    with pytest.raises(ValueError, match="kinerja month reopen"):
        closed.withdraw(KD)
    assert closed.closed


def test_withdraw_refusal_raises_value_error_and_keeps_state() -> None:
    state = SignOffState((PP, KS))
    with pytest.raises(ValueError, match="^PP hanya dapat ditarik"):
        state.withdraw(PP)
    assert state.signed == (PP, KS)


def test_withdrawing_then_signing_again_is_allowed() -> None:
    state = SignOffState((PP, KS)).withdraw(KS)
    assert state.next_role is KS
    assert state.sign(KS).signed == (PP, KS)


def test_withdrawing_down_to_nothing_step_by_step() -> None:
    state = SignOffState((PP, KS, SK))
    for role in (SK, KS, PP):
        state = state.withdraw(role)
    assert state == SignOffState()

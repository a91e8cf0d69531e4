"""Validation rules for one realization row. Each rule is named, so a note can be traced
back to the rule that wrote it and tests can assert the exact message.

Rules, in the order they are checked:
- `bukan_angka`: the realization is not a number (the parser's note).
- `kosong`: blank after the submission deadline.
- `negatif`: below zero; no further rule runs on a value that cannot be real.
- `capaian_di_atas_batas` / `capaian_di_bawah_batas`: the achievement (unclamped) is above
  the ceiling (default 150 %) or below the floor (default 50 %); per-indicator overrides in
  `Indicator.ceiling` / `Indicator.floor`. Such a value may be true, so it needs confirmation.
- `kumulatif_turun`: a cumulative (year-to-date) indicator lower than last month's value.
- `ytd_tidak_lengkap`: see `missing_months`.
- `bukti_wajib`: a realization without an evidence link where the indicator requires one.
- `bukti_bukan_tautan`: something typed as evidence that is not an http(s) link.
- `bukti_tidak_terbuka`: a Google Drive evidence link that a reviewer (KS, SK, KD) cannot
  open, as the Drive API's permissions of the file say.

"Needing confirmation" rules are cleared by the Kasubag's "Sesuai" on the row (the review
is the confirmation), so a real but unusual value never blocks the sign-off for good.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlsplit

from service.domain.achievement import AchievementPolicy, AchievementUndefined, achievement
from service.domain.agreement import Indicator, Polarity
from service.domain.parsing import ParsedValue, format_id, parse_value
from service.domain.period import BULAN

CONFIRMABLE = frozenset({"capaian_di_atas_batas", "capaian_di_bawah_batas", "kumulatif_turun",
                         "ytd_tidak_lengkap"})
EVIDENCE_PREFIX = "Bukti dukung"  # every evidence message starts so; notes are routed by it
CONFIRM = "bila benar, Kasubag menandai baris ini Sesuai."
_UNCLAMPED = AchievementPolicy(floor=Decimal("-Infinity"), ceiling=Decimal("Infinity"))


@dataclass(frozen=True)
class Finding:
    rule: str
    message: str

    @property
    def confirmable(self) -> bool:
        """Cleared by the Kasubag's "Sesuai": the value is unusual, not impossible."""
        return self.rule in CONFIRMABLE



@dataclass(frozen=True)
class RulesConfig:
    """Office-wide thresholds, in % achievement; an indicator may override both."""

    ceiling: Decimal = Decimal(150)
    floor: Decimal = Decimal(50)


def check_realization(
    raw: object,
    indicator: Indicator,
    month: int,
    deadline_passed: bool,
    config: RulesConfig = RulesConfig(),
    *,
    evidence: object = None,
    earlier: Mapping[int, Decimal | None] | None = None,
    evidence_unreachable: str | None = None,
) -> tuple[ParsedValue, list[Finding]]:
    """Parse one realization and apply the rules; a blank is only a finding after the deadline.

    `evidence` is what was typed in the evidence cell; `earlier` maps each earlier month of
    the same year that the service tracked for this row to its valid realization (None when
    it was blank, unreadable or negative); `evidence_unreachable` names the reviewers who
    cannot open a Drive evidence link (checked through the Drive API by the job)."""
    parsed = parse_value(raw)
    findings: list[Finding] = []
    if parsed.problem:
        findings.append(Finding("bukan_angka", parsed.problem))
    elif parsed.value is None:
        if deadline_passed:
            findings.append(
                Finding("kosong", "Realisasi belum diisi, padahal batas waktu sudah lewat."))
    elif parsed.value < 0:
        findings.append(
            Finding("negatif", f"Realisasi tidak boleh negatif ({format_id(parsed.value)})."))
    else:
        findings += _value_rules(parsed.value, indicator, month, config, earlier or {})
        if indicator.evidence_required and _blank(evidence):
            findings.append(Finding("bukti_wajib", f"{EVIDENCE_PREFIX} wajib untuk indikator ini: "
                                    "isi tautan (https://...) ke dokumen bukti di kolom "
                                    "Bukti Dukung."))
    bad_link = evidence_problem(evidence)
    if bad_link:
        findings.append(Finding("bukti_bukan_tautan", bad_link))
    elif evidence_unreachable:
        findings.append(Finding("bukti_tidak_terbuka", f"{EVIDENCE_PREFIX} di Google Drive "
                                f"belum dapat dibuka oleh {evidence_unreachable}: bagikan "
                                "berkasnya (minimal akses Lihat) kepada mereka."))
    return parsed, findings


def is_evidence_message(message: str) -> bool:
    """A stored finding (kept as text) that belongs on the evidence cell."""
    return message.startswith(EVIDENCE_PREFIX)


def open_findings(findings: list[Finding], confirmed: bool) -> list[Finding]:
    """What still needs work once the Kasubag's review is taken into account."""
    return [f for f in findings if not (confirmed and f.confirmable)]


def _value_rules(value: Decimal, indicator: Indicator, month: int, config: RulesConfig,
                 earlier: Mapping[int, Decimal | None]) -> list[Finding]:
    findings: list[Finding] = []
    try:
        capaian = achievement(indicator, month, value, _UNCLAMPED)
    except AchievementUndefined:
        capaian = None  # reported by the caller, which computes the achievement it shows
    where = f"realisasi {_qty(value, indicator.unit)}, target {_target(indicator, month)}"
    ceiling = indicator.ceiling if indicator.ceiling is not None else config.ceiling
    floor = indicator.floor if indicator.floor is not None else config.floor
    if capaian is not None and capaian > ceiling:
        findings.append(Finding(
            "capaian_di_atas_batas",
            f"Capaian {format_id(capaian)}% di atas batas wajar {format_id(ceiling)}% ({where}): "
            f"perlu konfirmasi. Periksa kembali angkanya; {CONFIRM}"))
    elif capaian is not None and capaian < floor:
        findings.append(Finding(
            "capaian_di_bawah_batas",
            f"Capaian {format_id(capaian)}% di bawah batas wajar {format_id(floor)}% ({where}): "
            "perlu konfirmasi. Periksa kembali angkanya dan tulis penyebabnya di kolom "
            f"Kendala; {CONFIRM}"))
    previous = earlier.get(month - 1)
    if indicator.cumulative and previous is not None and value < previous:
        findings.append(Finding(
            "kumulatif_turun",
            f"Realisasi kumulatif {_qty(value, indicator.unit)} lebih kecil dari bulan lalu "
            f"({_qty(previous, indicator.unit)}, {BULAN[month - 2]}). Indikator kumulatif "
            "dihitung sejak Januari sehingga tidak boleh turun; periksa kembali angkanya. "
            f"Bila angka bulan lalu yang keliru, {CONFIRM}"))
    missing = missing_months(indicator, month, earlier)
    if missing:
        names = ", ".join(BULAN[m - 1] for m in missing)
        findings.append(Finding(
            "ytd_tidak_lengkap",
            f"Capaian tahun berjalan tidak dapat dihitung: realisasi {names} belum ada atau "
            "tidak terbaca. Lengkapi realisasi bulan tersebut (hubungi Penyusun Program bila "
            f"bulannya sudah ditutup); bila tidak dapat dilengkapi, {CONFIRM}"))
    return findings


def missing_months(indicator: Indicator, month: int,
                   earlier: Mapping[int, Decimal | None]) -> list[int]:
    """Months whose gap stops the year-to-date of a non-cumulative indicator.

    A non-cumulative indicator reports each month on its own, so its year-to-date needs
    every month of the year so far. Counted from the first month the service tracked this
    row in the year (months before the office started using the service are not asked
    for) up to last month: a month is missing when it has no row at all or no valid
    realization (blank, unreadable or negative). A cumulative indicator is its own
    year-to-date and never has missing months."""
    if indicator.cumulative or not earlier:
        return []
    tracked = [m for m in earlier if m < month]
    if not tracked:
        return []
    return [m for m in range(min(tracked), month) if earlier.get(m) is None]


def evidence_problem(evidence: object) -> str | None:
    """The note for evidence that is not one or more http(s) links, or None."""
    if _blank(evidence):
        return None
    for part in str(evidence).replace(";", " ").split():
        link = urlsplit(part.rstrip(","))
        if link.scheme.lower() not in ("http", "https") or "." not in link.netloc:
            return (f'{EVIDENCE_PREFIX} "{part}" bukan tautan. Isi alamat lengkap yang diawali '
                    "http:// atau https://, mis. https://drive.google.com/file/d/...")
    return None


def _blank(value: object) -> bool:
    return value is None or not str(value).strip()


def _qty(value: Decimal, unit: str) -> str:
    return f"{format_id(value)}%" if unit == "%" else f"{format_id(value)} {unit}"


def _target(indicator: Indicator, month: int) -> str:
    if indicator.polarity is Polarity.RANGE:
        low, high = indicator.range_low, indicator.range_high
        if low is not None and high is not None:
            return f"{_qty(low, indicator.unit)} sampai {_qty(high, indicator.unit)}"
    return _qty(indicator.target_for(month), indicator.unit)

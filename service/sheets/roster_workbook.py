"""Read the roster workbook (tabs "Pegawai" and "Indikator") that an office maintains.

A wrong roster is refused whole, with every problem named by tab, row and column, because
provisioning sheets for a half-valid roster would put people's work in the wrong place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook, load_workbook

from service.domain.agreement import Agreement, Indicator, Polarity
from service.domain.parsing import parse_value
from service.domain.period import BULAN
from service.domain.roster import Official, Role, Roster, email_problem, nip_problem

PEOPLE_TAB = "Pegawai"
INDICATOR_TAB = "Indikator"
PEOPLE_COLUMNS = ("NIP", "Nama", "Jabatan", "Email", "Unit Kerja", "Peran")
MONTH_COLUMNS = tuple(name[:3] for name in BULAN)
CEILING_COLUMN = "Capaian Maks (%)"
FLOOR_COLUMN = "Capaian Min (%)"
INDICATOR_COLUMNS = ("Tahun", "NIP", "Kode", "Indikator", "Satuan", "Polaritas", "Kumulatif",
                     "Bukti Wajib", "Target Tahunan", "Batas Bawah", "Batas Atas",
                     *MONTH_COLUMNS)
# Per-indicator plausibility thresholds (achievement %), read when the roster has them;
# blank or absent means the office default (domain.validation.RulesConfig).
THRESHOLD_COLUMNS = (CEILING_COLUMN, FLOOR_COLUMN)
LIMITS = {"Kode": 32, "Satuan": 40, "Indikator": 400}  # the database's column sizes
OPTIONAL_COLUMNS = {"Batas Bawah", "Batas Atas", "Bukti Wajib", CEILING_COLUMN, FLOOR_COLUMN}
YES = {"ya", "y", "true", "1", "yes"}
NO = {"tidak", "t", "false", "0", "no", ""}


class RosterError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("Daftar pegawai ditolak:\n- " + "\n- ".join(problems))
        self.problems = problems


@dataclass
class _Tab:
    name: str
    header: dict[str, int]
    rows: list[tuple[int, tuple]] = field(default_factory=list)

    def get(self, row: tuple, column: str) -> object:
        index = self.header.get(column)
        value = row[index] if index is not None and index < len(row) else None
        return value.strip() if isinstance(value, str) else value


def _tab(workbook: Workbook, name: str, columns: tuple[str, ...],
         problems: list[str]) -> _Tab | None:
    if name not in workbook.sheetnames:
        problems.append(f"tab '{name}' tidak ada")
        return None
    rows = list(workbook[name].iter_rows(values_only=True))
    header = {str(v).strip(): i for i, v in enumerate(rows[0] if rows else ()) if v is not None}
    missing = [c for c in columns if c not in header and c not in OPTIONAL_COLUMNS]
    for column in missing:
        problems.append(f"{name}: kolom '{column}' tidak ada di baris judul (baris 1)")
    if missing:
        return None
    body = [(n, r) for n, r in enumerate(rows[1:], start=2) if any(v is not None for v in r)]
    return _Tab(name, header, body)


def _decimal(tab: _Tab, row: tuple, n: int, column: str, problems: list[str],
             required: bool = True) -> Decimal | None:
    raw = tab.get(row, column)
    parsed = parse_value(raw)
    if parsed.problem or (required and parsed.value is None):
        problems.append(f"{tab.name} baris {n}, kolom {column}: angka tidak valid ({raw!r})")
        return None
    return parsed.value


def _flag(tab: _Tab, row: tuple, n: int, column: str, problems: list[str]) -> bool:
    text = str(tab.get(row, column) or "").strip().lower()
    if text in YES:
        return True
    if text not in NO:
        problems.append(f"{tab.name} baris {n}, kolom {column}: isi 'ya' atau 'tidak'")
    return False


def read_roster(path: Path) -> tuple[Roster, list[Agreement]]:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:
        raise RosterError([f"berkas {path} tidak dapat dibuka sebagai .xlsx: {error}"]) from error
    problems: list[str] = []
    people = _tab(workbook, PEOPLE_TAB, PEOPLE_COLUMNS, problems)
    indicators = _tab(workbook, INDICATOR_TAB, INDICATOR_COLUMNS, problems)
    if people is None or indicators is None:
        raise RosterError(problems)
    officials = _read_people(people, problems)
    agreements = _read_indicators(indicators, {o.nip for o in officials}, problems)
    workbook.close()
    if problems:
        raise RosterError(problems)
    return Roster(tuple(officials)), agreements


def _read_people(tab: _Tab, problems: list[str]) -> list[Official]:
    officials: list[Official] = []
    seen: dict[str, int] = {}
    for n, row in tab.rows:
        values = {c: str(tab.get(row, c) or "").strip() for c in PEOPLE_COLUMNS}
        for column in PEOPLE_COLUMNS:
            if not values[column]:
                problems.append(f"{tab.name} baris {n}, kolom {column}: wajib diisi")
            elif len(values[column]) > 200:
                problems.append(f"{tab.name} baris {n}, kolom {column}: maks. 200 karakter")
        nip = values["NIP"]
        if nip and (problem := nip_problem(nip)):
            problems.append(f"{tab.name} baris {n}, kolom NIP: {problem}")
        if nip and nip in seen:
            problems.append(f"{tab.name} baris {n}, kolom NIP: NIP {nip} ganda "
                            f"(sudah ada di baris {seen[nip]})")
        seen.setdefault(nip, n)
        if values["Email"] and (problem := email_problem(values["Email"])):
            problems.append(f"{tab.name} baris {n}, kolom Email: {problem}")
        role = values["Peran"].upper()
        if role and role not in Role.__members__:
            problems.append(f"{tab.name} baris {n}, kolom Peran: '{values['Peran']}' bukan "
                            "salah satu dari PJ, PP, KS, SK, KD")
            continue
        if all(values.values()):
            officials.append(Official(nip, values["Nama"], values["Jabatan"], values["Email"],
                                      values["Unit Kerja"], Role(role)))
    for role in (Role.PP, Role.KS, Role.SK, Role.KD):
        holders = [o for o in officials if o.role is role]
        if len(holders) > 1:
            problems.append(f"{tab.name}: peran {role.value} dipegang {len(holders)} orang; "
                            "pengesahan butuh tepat satu")
    return officials


def _read_indicators(tab: _Tab, nips: set[str], problems: list[str]) -> list[Agreement]:
    grouped: dict[tuple[str, int], list[Indicator]] = {}
    for n, row in tab.rows:
        nip = str(tab.get(row, "NIP") or "").strip()
        code = str(tab.get(row, "Kode") or "").strip()
        if nip not in nips:
            problems.append(f"{tab.name} baris {n}, kolom NIP: {nip or '(kosong)'} tidak ada "
                            f"di tab {PEOPLE_TAB}")
            continue
        try:
            year = int(str(tab.get(row, "Tahun")))
        except ValueError:
            problems.append(f"{tab.name} baris {n}, kolom Tahun: tahun tidak valid")
            continue
        if not code or not tab.get(row, "Indikator") or not tab.get(row, "Satuan"):
            problems.append(f"{tab.name} baris {n}: Kode, Indikator dan Satuan wajib diisi")
            continue
        too_long = [f"{column} (maks. {limit} karakter)" for column, limit in LIMITS.items()
                    if len(str(tab.get(row, column) or "")) > limit]
        if too_long:
            problems.append(f"{tab.name} baris {n}: terlalu panjang: {', '.join(too_long)}")
            continue
        try:
            polarity = Polarity(str(tab.get(row, "Polaritas") or "").strip().lower())
        except ValueError:
            problems.append(f"{tab.name} baris {n}, kolom Polaritas: isi positif, negatif "
                            "atau rentang")
            continue
        items = grouped.setdefault((nip, year), [])
        if any(i.code == code for i in items):
            problems.append(f"{tab.name} baris {n}, kolom Kode: kode {code} ganda untuk {nip}")
            continue
        targets = [_decimal(tab, row, n, m, problems) for m in MONTH_COLUMNS]
        yearly = _decimal(tab, row, n, "Target Tahunan", problems)
        low = _decimal(tab, row, n, "Batas Bawah", problems, required=False)
        high = _decimal(tab, row, n, "Batas Atas", problems, required=False)
        ceiling = _decimal(tab, row, n, CEILING_COLUMN, problems, required=False)
        floor = _decimal(tab, row, n, FLOOR_COLUMN, problems, required=False)
        if ceiling is not None and floor is not None and floor > ceiling:
            problems.append(f"{tab.name} baris {n}: {FLOOR_COLUMN} lebih besar dari "
                            f"{CEILING_COLUMN}")
        if polarity is Polarity.RANGE and (low is None or high is None or low > high):
            problems.append(f"{tab.name} baris {n}: indikator rentang butuh Batas Bawah <= "
                            "Batas Atas")
        if yearly is None or any(t is None for t in targets):
            continue
        items.append(Indicator(
            code=code, name=str(tab.get(row, "Indikator")), unit=str(tab.get(row, "Satuan")),
            polarity=polarity, cumulative=_flag(tab, row, n, "Kumulatif", problems),
            yearly_target=yearly, monthly_targets=tuple(t for t in targets if t is not None),
            evidence_required=_flag(tab, row, n, "Bukti Wajib", problems),
            range_low=low, range_high=high, ceiling=ceiling, floor=floor,
        ))
    return [Agreement(nip, year, tuple(items)) for (nip, year), items in grouped.items()]


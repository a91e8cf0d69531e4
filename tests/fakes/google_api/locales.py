"""Spreadsheet locales the fake accepts, how it spells them back, and their number syntax.

Why a list: SpreadsheetProperties.locale says "when updating this field, not all
locales/languages are supported" (Sheets v4 reference, quoted in stitchdata/docs#420), and an
updateSpreadsheetProperties with an unsupported one fails the whole atomic batch. The list is
the 72 locales of File > Settings (Stack Overflow 73767719, "Locale differences in Google
Sheets", 2022-09; also oshliaer/google-apps-script-snippets#37), spelled with the codes Sheets
reports. Sheets runs on Java and reports Java's legacy ISO-639 codes: Hebrew `iw_IL`,
Indonesian `in_ID` (public gspread code sets `in_ID` and asserts the read-back is `in_ID`).
The per-locale codes of the Indian languages, Philippines (`fil_PH`, the reference's own
ISO 639-2 example `fil`) and Norway (`nb_NO`, `no_NO`, `nn_NO`) are the best guess.

`id_ID` (decision, UNVERIFIED): accepted and read back as `in_ID`. Java's Locale maps the
new ISO codes id/he/yi to the legacy in/iw/ji, which is exactly why Sheets reports `iw_IL`
and `in_ID`; public Apps Script code calls `setSpreadsheetLocale('id_ID')` unguarded. So
the fake normalises through ALIASES. A test that wants Google to refuse a locale instead
uses `refusing("id_ID")` (or adds to REFUSED): nothing else in the fake has to change.

Formula and number syntax: the same Stack Overflow answer splits the locales into 28 whose
formulas separate arguments with `,` and the rest with `;`; the `;` locales are exactly the
decimal-comma ones (12,5). Sheets accepts `;` in every locale (mricon/ingress-fieldplan#5:
"Google now accepts semicolons in all locales"), but a `,` between arguments in a `;` locale
is "Formula parse error." (googleapis/google-api-nodejs-client#1994, Turkish locale).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from .errors import bad_request

# Locales whose formulas use "," between arguments and "." for decimals.
COMMA_ARGUMENTS = frozenset(
    {
        "en_US", "en_GB", "en_AU", "en_CA", "en_IE", "en_IN", "cy_GB", "fil_PH", "iw_IL",
        "de_CH", "es_MX", "zh_CN", "zh_TW", "zh_HK", "ja_JP", "ko_KR", "th_TH", "ar_EG",
        "mn_MN", "my_MM", "bn_IN", "gu_IN", "kn_IN", "ml_IN", "mr_IN", "pa_IN", "ta_IN",
        "te_IN",
    }
)  # fmt: skip
# Locales whose formulas use ";" between arguments and "," for decimals (12,5; 1.234).
SEMICOLON_ARGUMENTS = frozenset(
    {
        "in_ID", "de_DE", "nl_NL", "fr_FR", "fr_CA", "it_IT", "es_ES", "ca_ES", "es_AR",
        "es_BO", "es_CL", "es_CO", "es_EC", "es_PY", "es_UY", "es_VE", "pt_BR", "pt_PT",
        "da_DK", "fi_FI", "sv_SE", "nb_NO", "no_NO", "nn_NO", "pl_PL", "cs_CZ", "sk_SK",
        "sl_SI", "hr_HR", "sr_RS", "hu_HU", "ro_RO", "bg_BG", "el_GR", "tr_TR", "ru_RU",
        "uk_UA", "be_BY", "lv_LV", "lt_LT", "hy_AM", "az_AZ", "ka_GE", "kk_KZ", "vi_VN",
    }
)  # fmt: skip
SUPPORTED = COMMA_ARGUMENTS | SEMICOLON_ARGUMENTS
# Modern ISO codes Sheets accepts and reports the Java way.
ALIASES = {"id_ID": "in_ID", "he_IL": "iw_IL", "id": "in", "he": "iw"}
# Locales a test wants refused although the list above has them (see `refusing`).
REFUSED: set[str] = set()
_LANGUAGES = {code.split("_")[0]: code for code in sorted(SUPPORTED)}


def canonical(locale: str) -> str:
    """How Sheets stores and reports `locale` (`id_ID` -> `in_ID`); unknown ones unchanged."""
    return ALIASES.get(locale, locale)


def is_supported(locale: str) -> bool:
    """A full code from the list, or a bare language with a listed locale (`en`, `fil`)."""
    if locale in REFUSED or canonical(locale) in REFUSED:
        return False
    code = canonical(locale)
    return code in SUPPORTED or code in _LANGUAGES


def checked(locale: object, where: str) -> str:
    """The canonical code of a locale a request sets; 400 if Sheets would not take it.

    The wording is the fake's own (no recorded refusal exists): `where` names the request,
    as Google's `Invalid requests[i].updateSpreadsheetProperties: ...` messages do."""
    if not isinstance(locale, str) or not is_supported(locale):
        raise bad_request(f"{where}: Unsupported locale: {locale}")
    return canonical(locale)


def full(locale: str) -> str:
    """A full code for number syntax: `de` -> a `de_*` locale from the list."""
    code = canonical(locale)
    return code if code in SUPPORTED else _LANGUAGES.get(code.split("_")[0], code)


def decimal_mark(locale: str) -> str:
    """`,` in the semicolon (decimal-comma) locales, else `.`."""
    return "," if full(locale) in SEMICOLON_ARGUMENTS else "."


def argument_separators(locale: str) -> tuple[str, ...]:
    """What may separate formula arguments: `;` everywhere, `,` only in comma locales."""
    return (";",) if full(locale) in SEMICOLON_ARGUMENTS else (",", ";")


@contextmanager
def refusing(*codes: str) -> Iterator[None]:
    """Make the fake refuse `codes` (e.g. `id_ID`) inside a `with` block, then restore."""
    added = [c for c in codes if c not in REFUSED]
    REFUSED.update(added)
    try:
        yield
    finally:
        REFUSED.difference_update(added)

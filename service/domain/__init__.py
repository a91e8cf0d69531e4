"""The SOP's rules without any I/O. `parse_value` is the one reader of typed numbers that
every caller (jobs, web upload, roster import, tests) shares."""

from service.domain.parsing import ParsedDate, ParsedValue, parse_date, parse_value

__all__ = ["ParsedDate", "ParsedValue", "parse_date", "parse_value"]

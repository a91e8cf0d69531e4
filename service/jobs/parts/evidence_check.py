"""Who cannot open each Drive evidence link, for the `bukti_tidak_terbuka` rule.

Only a file whose sharing the service can read (it may share the file) is judged; any other
is "not checkable", which is never a finding.

The check costs one Drive request per file, so a link is asked about when it is new and
again only while it is a problem; the answer is kept on the recap entry.
"""

from __future__ import annotations

from collections.abc import Mapping

from service.domain.evidence import drive_file_id, unreachable_text
from service.domain.roster import Role, Roster
from service.sheets.port import SheetBackend
from service.store.models import RecapEntry


def evidence_unreachable(backend: SheetBackend, roster: Roster, entries: list[RecapEntry],
                         typed: Mapping[int, str | None] | None = None) -> dict[int, str]:
    """{entry id: who cannot open its Drive evidence}. A link is checked when new, and
    again each cycle while it is a problem (sharing a file does not touch the sheet).

    `typed` is the evidence text by entry id as the sheets show it now: the cycle asks
    Drive before it records what it read, so no transaction waits on Drive."""
    reviewers = {o.email: o.name for r in (Role.KS, Role.SK, Role.KD)
                 if (o := roster.approver(r)) is not None}
    typed = typed if typed is not None else {e.id: (e.values or {}).get("evidence")
                                             for e in entries}
    links = {e.id: drive_file_id(typed.get(e.id)) for e in entries}
    unchecked = [f for e in entries
                 if (f := links[e.id]) and (e.evidence_access or {}).get(f, None) != []]
    found = backend.evidence_access(unchecked, list(reviewers)) if unchecked else {}
    texts: dict[int, str] = {}
    for entry in entries:
        file_id = links[entry.id]
        if file_id in found:
            entry.evidence_access = {file_id: found[file_id]}
        access = entry.evidence_access or {}
        if not file_id or file_id not in access:  # not a Drive link, or not checked yet
            continue
        blocked = access[file_id]
        # None: the service may not read the file's sharing (a Viewer, a link-shared file),
        # so it cannot tell; the reviewers see for themselves, and that never blocks
        if blocked:
            texts[entry.id] = unreachable_text([reviewers.get(e, e) for e in blocked]) or ""
    return texts

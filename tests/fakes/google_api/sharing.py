"""Who may be given access to a file, before permissions.create adds anyone.

- A person without a Google account can only be *invited*: with sendNotificationEmail=false
  Drive answers 400 invalidSharingRequest "... Since there is no Google account associated
  with this email address, you must check the "Notify people" box to invite this
  recipient." (Drive "Resolve errors", invalidSharingRequest; text as observed against the
  live API, reviews F1).
- In a shared drive a non-Google account is refused even with the notification:
  403 cannotShareTeamDriveWithNonGoogleAccounts "Cannot share a shared drive with non
  Google accounts." (googleapis/google-api-dotnet-client#1315, "working as intended";
  message from the GAMADV-XTD3 v6.03.14 release notes).
- A shared drive's restrictions (Drive v3 drives resource): `domainUsersOnly` ("access ...
  is restricted to users of the domain to which this shared drive belongs") refuses
  outsiders with 403 teamDriveDomainUsersOnlyRestriction, `driveMembersOnly` ("restricted
  to its members") refuses non-members with 403 teamDriveTeamMembersOnlyRestriction
  (reasons from GAM's reason list and public code; Google's exact message text for these
  two was not found, so the fake's wording is its own — UNVERIFIED).
"""

from __future__ import annotations

from .accounts import domain_of
from .errors import ApiError
from .state import DriveFile, Store

NO_ACCOUNT = (
    'Bad Request. User message: "You are trying to invite {address}. Since there is no '
    "Google account associated with this email address, you must check the "
    '"Notify people" box to invite this recipient."'
)


def check(
    store: Store,
    f: DriveFile,
    kind: str,
    address: str | None,
    domain: str | None,
    notify: bool,
) -> None:
    """Raise Google's refusal for sharing `f` with this grantee, if there is one."""
    drive = store.drives.get(f.drive_id) if f.drive_id else None
    person = kind in ("user", "group")
    if person and address and not store.accounts.is_account(address):
        if drive is not None:
            raise ApiError(
                403,
                "Cannot share a shared drive with non Google accounts.",
                "cannotShareTeamDriveWithNonGoogleAccounts",
            )
        if not notify:
            raise ApiError(400, NO_ACCOUNT.format(address=address), "invalidSharingRequest")
    if drive is None:
        return
    if drive.restrictions.get("domainUsersOnly") and drive.domain:
        home = drive.domain.lower()
        outside = (
            kind == "anyone"
            or (kind == "domain" and (domain or "").lower() != home)
            or (person and domain_of(address or "") != home)
        )
        if outside:
            raise ApiError(
                403,
                f"This shared drive only allows sharing with users of {drive.domain}.",
                "teamDriveDomainUsersOnlyRestriction",
            )
    if drive.restrictions.get("driveMembersOnly"):
        member = person and any(store.accounts.matches(m, address or "") for m in drive.members)
        if not member:
            raise ApiError(
                403,
                "This shared drive only allows sharing with its members.",
                "teamDriveTeamMembersOnlyRestriction",
            )

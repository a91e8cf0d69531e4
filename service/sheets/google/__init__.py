"""The Google Sheets adapter of the `SheetBackend` port (gspread's HTTP client + google-auth).

`build_google_backend` is the one wiring from settings to a backend; the modules below it
import one way: auth (credentials), http (retries, counting), batch and format (pure request
builders), provision and evidence (Drive look-ups), backend (the port), check (the operator's
`kinerja google check`).
"""

from __future__ import annotations

import requests

from service.sheets.google.auth import (
    FAKE_ACCOUNT,
    CredentialsError,
    account_email,
    oauth_user_credentials,
    service_account_credentials,
)
from service.sheets.google.backend import GoogleBackend
from service.sheets.google.http import mount_rewriting
from service.sheets.google.pacing import parse_limits

__all__ = ["GoogleBackend", "build_google_backend"]


def build_google_backend(
    key_path: str | None,
    oauth_client_path: str | None,
    token_path: str | None,
    root_folder_id: str,
    api_base: str | None = None,
    account: str | None = None,
    send_notification_email: bool = False,
    quota: str | None = None,
) -> GoogleBackend:
    """The backend for the configured credentials, or for a local fake server (`api_base`).

    With `api_base` no credentials are loaded: the fake knows callers by bearer token and
    treats an unknown token as the service account (`account`, default the demo one).
    `quota` overrides Google's per-minute limits the requests are paced under.
    """
    from google.auth.transport.requests import AuthorizedSession

    try:
        limits = parse_limits(quota)
    except ValueError as exc:
        raise CredentialsError(f"KINERJA_GOOGLE_QUOTA: {exc}") from exc

    session: requests.Session
    if api_base:
        session = mount_rewriting(requests.Session(), api_base)
        session.headers["Authorization"] = "Bearer kinerja-service"
        email = account or FAKE_ACCOUNT
    elif key_path:
        creds, email = service_account_credentials(key_path)
        session = AuthorizedSession(creds)
    elif oauth_client_path and token_path:
        session = AuthorizedSession(oauth_user_credentials(oauth_client_path, token_path))
        email = account or account_email(session)
    else:
        raise CredentialsError(
            "Backend Google butuh kunci service account atau klien OAuth + berkas token."
        )
    return GoogleBackend(session, root_folder_id, email, send_notification_email, quota=limits)

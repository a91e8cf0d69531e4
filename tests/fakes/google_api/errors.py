"""Google-shaped API errors, raised anywhere in the fake and turned into JSON by the app."""

from __future__ import annotations

from typing import Any

_STATUS = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    409: "ALREADY_EXISTS",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    502: "UNKNOWN",
    503: "UNAVAILABLE",
    504: "DEADLINE_EXCEEDED",
}

PROTECTED_MESSAGE = (
    "You are trying to edit a protected cell or object. Please contact the spreadsheet "
    "owner to remove protection if you need to edit."
)
NO_PERMISSION_MESSAGE = "The caller does not have permission"
INSUFFICIENT_MESSAGE = "The user does not have sufficient permissions for this file."


class ApiError(Exception):
    """An error the fake answers with, as {"error": {"code", "message", "status"}}.

    Drive errors also carry Google's legacy `errors[]` list with a `reason`
    (e.g. storageQuotaExceeded) and its `domain` (global, or usageLimits for quota
    refusals), because clients branch on that reason. Sheets quota errors carry
    `details` (google.rpc.ErrorInfo) instead, as Google sends them.
    """

    def __init__(
        self,
        code: int,
        message: str,
        reason: str | None = None,
        *,
        domain: str = "global",
        item: dict[str, Any] | None = None,
        details: list[dict[str, Any]] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.reason = reason
        self.domain = domain
        self.item = item or {}
        self.details = details

    @property
    def status(self) -> str:
        return _STATUS.get(self.code, "UNKNOWN")

    def body(self) -> dict[str, Any]:
        error: dict[str, Any] = {"code": self.code, "message": self.message, "status": self.status}
        if self.reason:
            entry = {"message": self.message, "domain": self.domain, "reason": self.reason}
            error["errors"] = [{**entry, **self.item}]
        if self.details:
            error["details"] = self.details
        return {"error": error}


def bad_request(message: str) -> ApiError:
    """400 INVALID_ARGUMENT, what Google answers for unparsable ranges and bad requests."""
    return ApiError(400, message, None)


def drive_not_found(file_id: str) -> ApiError:
    """Drive hides files the caller cannot see behind the same 404 as missing ones."""
    return ApiError(404, f"File not found: {file_id}.", "notFound")


def insufficient_permissions() -> ApiError:
    """Drive's 403 for a role too weak for the call (delete, trash, share, list permissions)."""
    return ApiError(403, INSUFFICIENT_MESSAGE, "insufficientFilePermissions")


def sheets_not_found() -> ApiError:
    return ApiError(404, "Requested entity was not found.")


def sheets_denied(message: str = NO_PERMISSION_MESSAGE) -> ApiError:
    return ApiError(403, message)


def protected() -> ApiError:
    return ApiError(403, PROTECTED_MESSAGE)

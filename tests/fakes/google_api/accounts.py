"""Who exists at Google: accounts, groups, bearer tokens and the OAuth client behind each.

Google refuses to share with an address that is not a Google account unless it may send an
invitation (reviews F1), so the fake must know which addresses are accounts: only those
registered here, plus service accounts (…gserviceaccount.com), which always are.

Every token belongs to one OAuth client because appProperties are private to the client
that wrote them (reviews F12, Drive "Add custom file properties"). People registered
without a client share DEFAULT_CLIENT (one app used by everyone); each service account,
including the one unknown tokens act as, is its own client.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_CLIENT = "fake-oauth-client.apps.googleusercontent.com"


def is_service_account(email: str) -> bool:
    return email.lower().endswith("gserviceaccount.com")


def service_client(email: str) -> str:
    """A service account's own client id (each key pair is a separate OAuth client)."""
    return f"client-of:{email.lower()}"


def domain_of(email: str) -> str:
    return email.rpartition("@")[2].lower()


@dataclass
class Identity:
    """What a request's bearer token stands for."""

    email: str
    client: str


@dataclass
class Accounts:
    """The registry: tokens -> Identity, account and group addresses, hidden emails."""

    service_account: str
    tokens: dict[str, Identity] = field(default_factory=dict)
    accounts: set[str] = field(default_factory=set)
    groups: dict[str, set[str]] = field(default_factory=dict)
    hidden: set[str] = field(default_factory=set)

    def add_user(self, token: str, email: str, client: str | None = None) -> None:
        """Register `email` as a Google account reachable with `token` via `client`."""
        self.add_account(email)
        default = service_client(email) if is_service_account(email) else DEFAULT_CLIENT
        self.tokens[token] = Identity(email, client or default)

    def add_account(self, email: str) -> None:
        self.accounts.add(email.lower())

    def add_group(self, email: str, members: list[str] | tuple[str, ...] = ()) -> None:
        """A Google Group: an address you may share with, whose members get its role."""
        self.groups[email.lower()] = {m.lower() for m in members}

    def identity(self, authorization: str | None) -> Identity:
        """Bearer token -> Identity; unknown or missing tokens act as the service account."""
        token = (authorization or "").strip()
        if token.lower().startswith("bearer "):
            token = token[7:].strip()
        found = self.tokens.get(token)
        if found is not None:
            return found
        return Identity(self.service_account, service_client(self.service_account))

    def client_of(self, email: str) -> str:
        """The client a caller without a request context (setup helpers) acts through."""
        for ident in self.tokens.values():
            if ident.email.lower() == email.lower():
                return ident.client
        return service_client(email) if is_service_account(email) else DEFAULT_CLIENT

    def is_account(self, email: str) -> bool:
        """Registered accounts and groups, and every service account, are Google accounts."""
        low = email.lower()
        return (
            low in self.accounts
            or low in self.groups
            or is_service_account(low)
            or low == self.service_account.lower()
        )

    def is_group(self, email: str) -> bool:
        return email.lower() in self.groups

    def matches(self, principal: str | None, email: str) -> bool:
        """Does a permission or membership for `principal` (a person or a group) cover
        `email`?"""
        if not principal:
            return False
        low, who = principal.lower(), email.lower()
        return low == who or who in self.groups.get(low, set())

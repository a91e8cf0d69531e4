"""The web pages of a month: who sent what, the sign-offs, the SOP time standards, the
history of each official's cells, and (local mode) the personal sign-off page.

`create_app(ctx)` builds the Flask app; import it from here."""

from service.web.app import create_app

__all__ = ["create_app"]

"""The web app factory: one `JobContext` (the same parts the jobs use) behind blueprints.

Kept short on purpose (Flask's application-factory pattern): views live in `pages`, `api`
and `signoff` and reach the context through `current.job_context()`, so each can be read
and tested without this function. `service.web` re-exports `create_app`."""

from __future__ import annotations

from flask import Flask, Response

from service.context import JobContext
from service.web import api, filters, pages, signoff


def create_app(ctx: JobContext) -> Flask:
    app = Flask(__name__)
    app.json.sort_keys = False  # type: ignore[attr-defined]  # keep the documented order
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.extensions["kinerja"] = ctx
    filters.register(app)
    app.after_request(_security_headers)
    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(signoff.bp)
    return app


def _security_headers(response: Response) -> Response:
    # Defence in depth next to autoescaping: no script runs on these pages at all.
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'self'; img-src 'self'")
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response

"""The app-scoped `JobContext` for views, filters and error pages.

Views are module-level blueprint functions, so they cannot close over the context the
factory received; the factory parks it in `app.extensions` and this is the one way back."""

from __future__ import annotations

from typing import cast

from flask import current_app

from service.context import JobContext


def job_context() -> JobContext:
    return cast(JobContext, current_app.extensions["kinerja"])

"""A private copy of the approved, archived demo month for each test that changes it
(test_month_local.py reads one shared month and defines its own `month`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.jobs.approved_month import copy_of_month


@pytest.fixture
def month(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Any:
    return copy_of_month(tmp_path_factory, tmp_path / "ws")

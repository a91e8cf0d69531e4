"""In-process fake of the Google Sheets v4 / Drive v3 subset used by our Google adapter.

Checked against real recorded Google traffic by tests/google/test_fake_conformance.py.
"""

from .app import FakeGoogle, InProcessAdapter
from .errors import ApiError

__all__ = ["ApiError", "FakeGoogle", "InProcessAdapter"]

"""Provisioning more sheets than Google's per-minute write quota allows, with the quota on.

The fake answers 429 past 60 Sheets writes a minute per user (Sheets "Usage limits"); the
adapter's pacing must keep every minute under it, and the job must say how far it is and
when it will end. Runs scripts/provision_quota.py as an operator would.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]


def test_eighty_officials_are_provisioned_without_a_single_429_and_with_an_eta() -> None:
    done = subprocess.run(
        [sys.executable, "scripts/provision_quota.py", "--officials", "80"],
        cwd=REPOSITORY, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert "ditolak karena kuota (429/403): 0" in out
    assert "81 spreadsheet dibuat, 0 galat" in out
    assert "[40/80]" in out and "/menit · sisa ±" in out and "selesai sekitar" in out
    minutes = float(out.split("lama pada kuota Google: ")[1].split(" ")[0])
    assert minutes > 1.0  # 81 writes at 60 a minute: the pacing really waited

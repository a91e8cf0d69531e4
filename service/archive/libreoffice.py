"""xlsx -> PDF through LibreOffice headless, the truest copy of a workbook in local mode.

Optional by design (DESIGN.md, "Real parts"): when ``soffice`` is missing or fails, callers get
``None`` and fall back to the reportlab renderer in :mod:`service.archive.pdf`.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)


def convert_xlsx_to_pdf(xlsx_path: Path, timeout: float = 120) -> bytes | None:
    """Return the PDF bytes of ``xlsx_path``, or ``None`` (logged) if LibreOffice cannot.

    A private throw-away profile (``-env:UserInstallation``) keeps concurrent conversions and
    a desktop LibreOffice of the same user from locking each other out.
    """
    soffice = shutil.which("soffice")
    if soffice is None:
        log.info("soffice not installed; cannot convert %s with LibreOffice", xlsx_path)
        return None
    xlsx_path = Path(xlsx_path).resolve()
    if not xlsx_path.is_file():
        log.warning("LibreOffice conversion skipped: %s does not exist", xlsx_path)
        return None
    with tempfile.TemporaryDirectory(prefix="kinerja-soffice-") as tmp:
        tmp_dir = Path(tmp)
        profile, outdir = tmp_dir / "profile", tmp_dir / "out"
        outdir.mkdir()
        cmd = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
            "--convert-to", "pdf", "--outdir", str(outdir), str(xlsx_path),
        ]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            log.warning("soffice timed out after %.0fs converting %s", timeout, xlsx_path)
            return None
        except OSError as exc:
            log.warning("cannot run soffice for %s: %s", xlsx_path, exc)
            return None
        produced = outdir / (xlsx_path.stem + ".pdf")
        if proc.returncode != 0 or not produced.is_file():
            # soffice often exits 0 without output (e.g. a broken file), so check both.
            log.warning(
                "soffice failed converting %s (exit %s): %s",
                xlsx_path, proc.returncode,
                (proc.stderr or proc.stdout).decode("utf-8", "replace").strip()[-500:],
            )
            return None
        data = produced.read_bytes()
    if not data.startswith(b"%PDF"):
        log.warning("soffice output for %s is not a PDF", xlsx_path)
        return None
    return data

"""The month page in a real browser: headless Chromium loads it over HTTP and renders it.

The test-client tests check the HTML text; this one checks that a browser accepts the page
as served (headers, CSP, the stylesheet) and lays it out, which a string match cannot show.
Skipped where Chromium is not installed.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import BaseWSGIServer, make_server

from service.bootstrap import build_context
from service.config import Settings
from service.demo.run import run_demo
from service.domain.period import Period
from service.web import create_app

CHROMIUM = shutil.which("chromium")
PERIOD = Period(2026, 10)
pytestmark = [pytest.mark.month, pytest.mark.skipif(
    CHROMIUM is None, reason="chromium not installed (apt-get install chromium)")]
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    workspace = tmp_path_factory.mktemp("browser") / "ws"
    assert run_demo(workspace, PERIOD) == 0
    app = create_app(build_context(Settings.from_env(str(workspace))))
    server: BaseWSGIServer = make_server("127.0.0.1", _free_port(), app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


def _chromium(tmp_path: Path, *args: str, timeout: float = 90) -> str:
    """Run Chromium in its own process group so a hang kills its helpers too, not just it."""
    profile = tmp_path / "profile"
    command = [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *args]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, start_new_session=True)
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"chromium hing lebih dari {timeout} detik: {' '.join(args)}")
    assert process.returncode == 0, err[-2000:]
    return out


def test_chromium_renders_the_month_page(base_url: str, tmp_path: Path) -> None:
    url = f"{base_url}/periode/{PERIOD}"
    dom = _chromium(tmp_path, "--dump-dom", url)
    assert '<html lang="id">' in dom
    assert "Data kinerja Oktober 2026" in dom
    for name in ("Agus Salim Hidayat, S.Sos., M.AP.", "Siti Maemunah, S.E.",
                 "Yudi Kurniawan, S.Kom.", "Wahyu Hidayat, S.H."):
        assert name in dom
    assert dom.count('scope="row"') == 12 + 8  # officials, then the SLA steps
    assert "Pengarsipan laporan bulanan" in dom

    shot = tmp_path / "page.png"
    _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", url)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 50_000  # a blank or error page compresses far smaller

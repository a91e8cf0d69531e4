"""Settings: the office's identity from the environment, and no secret in what is printed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from service.config import Settings, redact_url
from tests.conftest import no_kinerja_environment

PASSWORD = "rahasia-sekali"


def test_the_letterhead_lines_come_from_the_environment(tmp_path: Path) -> None:
    settings = Settings.from_env(str(tmp_path), environ={
        "KINERJA_LETTERHEAD": "PEMERINTAH KABUPATEN CONTOH | DINAS UJI |  | Jl. Merdeka 1"})
    assert settings.letterhead_lines == ("PEMERINTAH KABUPATEN CONTOH", "DINAS UJI",
                                         "Jl. Merdeka 1")


def test_without_a_letterhead_the_office_name_heads_the_pdfs(tmp_path: Path) -> None:
    settings = Settings.from_env(str(tmp_path), environ={
        "KINERJA_OFFICE_NAME": "Dinas Kependudukan Kabupaten Contoh"})
    assert settings.letterhead_lines == ("DINAS KEPENDUDUKAN KABUPATEN CONTOH",)


def test_the_message_id_domain_is_the_senders_own(tmp_path: Path) -> None:
    settings = Settings.from_env(str(tmp_path), environ={
        "KINERJA_MAIL_FROM": "Kinerja Dukcapil <kinerja@dukcapil.contohkab.go.id>"})
    assert settings.mail_domain == "dukcapil.contohkab.go.id"
    assert Settings.from_env(str(tmp_path), environ={}).mail_domain == "kinerja.local"


def test_the_database_password_never_shows_in_the_settings_repr(tmp_path: Path) -> None:
    settings = Settings.from_env(str(tmp_path), environ={
        "KINERJA_DATABASE_URL": f"postgresql+psycopg://kinerja:{PASSWORD}@db.local:5432/k",
        "KINERJA_SMTP_HOST": "mail.local", "KINERJA_SMTP_USER": "pp@kinerja.local",
        "KINERJA_SMTP_PASSWORD": PASSWORD})
    shown = repr(settings)
    assert PASSWORD not in shown
    assert "postgresql+psycopg://kinerja:***@db.local:5432/k" in shown
    assert settings.database_url is not None and PASSWORD in settings.database_url


def test_a_url_without_password_is_printed_as_it_is() -> None:
    assert redact_url("sqlite:////srv/kinerja.sqlite3") == "sqlite:////srv/kinerja.sqlite3"
    assert redact_url("postgresql://u:p@h/db") == "postgresql://u:***@h/db"


def test_tests_run_without_the_developers_kinerja_variables(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KINERJA_DATABASE_URL", "postgresql://prod/kinerja")
    no_kinerja_environment.__wrapped__(monkeypatch)  # type: ignore[attr-defined]
    assert not [name for name in os.environ if name.startswith("KINERJA_")]

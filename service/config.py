"""Settings from the environment (and CLI flags), with defaults that run the demo."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from service.domain.achievement import AchievementPolicy
from service.domain.deadlines import DeadlinePolicy
from service.domain.validation import RulesConfig

DEFAULT_WORKSPACE = "workspace"


@dataclass(frozen=True)
class Settings:
    workspace: Path
    office: str = "dukcapil-mojokerto"
    office_name: str = "Dinas Kependudukan dan Pencatatan Sipil Kota Mojokerto"
    letterhead: tuple[str, ...] = ("PEMERINTAH KOTA MOJOKERTO",)
    database_url: str | None = None
    backend: str = "local"
    mail_domain: str = "kinerja.local"
    escalate_after_working_days: int = 2
    achievement: AchievementPolicy = field(default_factory=AchievementPolicy)
    deadlines: DeadlinePolicy = field(default_factory=DeadlinePolicy)
    rules: RulesConfig = field(default_factory=RulesConfig)
    web_base_url: str = "http://127.0.0.1:5000"

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.workspace / 'kinerja.sqlite3'}"

    @property
    def sheets_dir(self) -> Path:
        return self.workspace / "sheets"

    @property
    def archive_dir(self) -> Path:
        return self.workspace / "arsip"

    @property
    def outbox_dir(self) -> Path:
        return self.workspace / "outbox"

    @classmethod
    def from_env(cls, workspace: str | None = None,
                 environ: Mapping[str, str] = os.environ) -> Settings:
        root = Path(workspace or environ.get("KINERJA_WORKSPACE", DEFAULT_WORKSPACE))
        return cls(
            workspace=root.resolve(),
            office=environ.get("KINERJA_OFFICE", cls.office),
            office_name=environ.get("KINERJA_OFFICE_NAME", cls.office_name),
            database_url=environ.get("KINERJA_DATABASE_URL") or None,
            backend=environ.get("KINERJA_BACKEND", cls.backend),
            web_base_url=environ.get("KINERJA_WEB_BASE_URL", cls.web_base_url),
        )

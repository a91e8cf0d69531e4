"""Progress of a long run (provisioning a large office): done/total, rate and ETA.

Provisioning is paced under Google's 60 writes a minute, so a thousand officials take a
quarter of an hour or more; the compiler watching the terminal should see how far it is and
when it will end, not a silent prompt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from service.clock import Clock
from service.domain.words import waktu


@dataclass
class Progress:
    total: int
    clock: Clock
    started: datetime = field(init=False)

    def __post_init__(self) -> None:
        self.started = self.clock.now()

    def line(self, done: int, what: str) -> str:
        """`[12/1000] lembar X dibuat · 3,4/menit · selesai ±Senin, ... pukul 10.42 WIB`."""
        head = f"[{done}/{self.total}] {what}"
        elapsed = (self.clock.now() - self.started).total_seconds()
        if done <= 0 or elapsed <= 0 or done >= self.total:
            return head
        per_minute = done / elapsed * 60
        left = timedelta(seconds=(self.total - done) / done * elapsed)
        rate = f"{per_minute:.1f}".replace(".", ",")
        return (f"{head} · {rate}/menit · sisa ±{_duration(left)}, selesai sekitar "
                f"{waktu(self.clock.now() + left)}")


def _duration(value: timedelta) -> str:
    minutes = round(value.total_seconds() / 60)
    if minutes < 1:
        return "kurang dari 1 menit"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} jam {minutes} menit" if hours else f"{minutes} menit"

"""The scheduler: APScheduler wiring the month jobs to time (`kinerja scheduler run`).

- `plan`: pure decisions (which months are open, what each tick should run at an instant)
- `ticks`: the module-level functions APScheduler calls; they run the jobs of
  `service.jobs.registry`, the same ones the CLI runs
- `lease`: exactly one scheduler per database
- `runner`: the APScheduler setup and `run_scheduler`
"""

from service.scheduler.runner import run_scheduler

__all__ = ["run_scheduler"]

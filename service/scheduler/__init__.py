"""The scheduler: APScheduler wiring the CLI's jobs to time (`kinerja scheduler run`).

- `plan`: pure decisions (which months are open, what each tick should run at an instant)
- `lease`: exactly one scheduler per database
"""

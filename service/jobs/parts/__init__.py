"""The pieces the use cases in `service.jobs` are made of: reading and judging the sheets,
the master's content, the review and the sign-off ticks, the writes, the outbox, the sign-off
tokens. Nothing here is run on its own; the jobs (and their registry) are the entry points.
"""

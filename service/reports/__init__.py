"""The read side: what the CLI, the web and the demo show of a month. Reports read what the
jobs recorded, never the live sheets, and change nothing."""

"""`python -m service.cli ...`, the same as `kinerja ...` without the installed script."""

import sys

from service.cli import main

sys.exit(main())

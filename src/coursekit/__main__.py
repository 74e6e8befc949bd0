"""``python -m coursekit``: the instructor command line (``release``, ``grade``, ``samples``)."""

import sys

from coursekit.instructor.cli import main

sys.exit(main())

"""``python -m triage_app`` is the same as ``triage-app``."""

import sys

from triage_app.cli import main

sys.exit(main())

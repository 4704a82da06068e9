"""``python -m mediation_desktop`` — same as the ``mediation-desktop`` command."""

import sys

from mediation_desktop.cli import main

sys.exit(main())

"""``python -m tui.cli``: the ``sorot`` command."""

import sys

from tui.cli import main

sys.exit(main())

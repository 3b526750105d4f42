"""``python -m gdsim``: the same as the ``gdsim`` command."""

import sys

from .cli import main

sys.exit(main())

"""Run gdsim from a source checkout: ``python main.py`` (the same as the ``gdsim`` command)."""

import sys

from gdsim.cli import main

if __name__ == "__main__":
    sys.exit(main())

"""PyInstaller entry point: nothing but a call into the package."""

import sys

from cdcollector.cli import main

if __name__ == "__main__":
    sys.exit(main())

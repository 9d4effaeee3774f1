"""PyInstaller entry point: nothing but a call into the package."""

import multiprocessing
import sys

from cdcollector.cli import main

if __name__ == "__main__":
    # Frozen builds: a worker process (the importer's pool) must not start the app again.
    multiprocessing.freeze_support()
    sys.exit(main())

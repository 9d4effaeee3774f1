"""`python -m cdcollector`: the same entry as the `cdcollector` command."""

import sys

from cdcollector.cli import main

sys.exit(main())

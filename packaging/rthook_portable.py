"""PyInstaller runtime hook: a `portable` file beside the executable keeps all data beside it."""

import os
import sys
from pathlib import Path

_exe_dir = Path(sys.executable).resolve().parent
if (_exe_dir / "portable").exists() and not os.environ.get("CDCOLLECTOR_HOME"):
    os.environ["CDCOLLECTOR_HOME"] = str(_exe_dir / "CD-Collector Data")

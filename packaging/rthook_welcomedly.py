"""Runtime hook run before the program in the bundle (see build.spec).

* The bundle never writes next to itself: alembic executes ``migrations/*.py`` straight from the
  bundle, and Python would otherwise try to leave ``__pycache__`` folders there.  (The bootloader
  already disables bytecode writing; this keeps it so whatever the bootloader version.)
* A Windows GUI executable (console=False) has no stdout/stderr: writes to them must go nowhere
  rather than raise.
"""

import os
import sys

sys.dont_write_bytecode = True

if sys.stdout is None:
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
if sys.stderr is None:
    sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115

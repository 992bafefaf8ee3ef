"""Placeholder: the installer is a later issue. Exits non-zero so no build mistakes it for one."""

import sys

print("build_installer.py: nog niet beschikbaar — het installatieprogramma volgt in een later issue.", file=sys.stderr)
sys.exit(1)

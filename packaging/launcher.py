"""The frozen program's entry point: the same command line as ``python -m jiazheng_desktop``."""

import sys

from jiazheng_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())

"""``python -m jiazheng_desktop``: the command line, which by default opens the window."""

import sys

from .cli import main

sys.exit(main())

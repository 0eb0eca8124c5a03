"""Entry point of the frozen app (packaging/sdm-desktop.spec): the same ``main`` as ``sdm-desktop``."""

import sys

from sdm_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())

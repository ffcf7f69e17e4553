"""``python -m navigator``: see :mod:`navigator.cli`."""
import sys

from .cli import main

sys.exit(main())

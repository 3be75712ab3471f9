"""`python -m backprop_steps`: see [`cli`][backprop_steps.cli]."""

import sys

from backprop_steps.cli import main

sys.exit(main())

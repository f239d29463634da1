"""The production settings, unchanged except for where the benchmark collects static files.

Production serves collected static files through WhiteNoise's manifest storage, so pages
cannot render without `collectstatic`. The benchmark collects into its own temporary folder
(BENCH_STATIC_ROOT) rather than the project's `staticfiles/`, which other tools read, and may
add a folder of placeholders (BENCH_STATIC_PLACEHOLDERS) for files the stylesheet refers to
but the frontend build leaves out, without which `collectstatic` stops.
"""

import os
from pathlib import Path

from parent_charter.settings.production import *  # noqa: F403

STATIC_ROOT = Path(os.environ["BENCH_STATIC_ROOT"])
if os.environ.get("BENCH_STATIC_PLACEHOLDERS"):
    STATICFILES_DIRS = [*STATICFILES_DIRS, os.environ["BENCH_STATIC_PLACEHOLDERS"]]  # noqa: F405

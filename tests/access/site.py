"""Access-matrix rows for what every site answers: the icon browsers ask for."""

from tests.access import EVERYONE

ROWS = {
    "favicon": ("public", EVERYONE, {}),
}

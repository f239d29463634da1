"""Access-matrix rows for what every site answers: the icon browsers ask for."""

EVERYONE = {
    "pa",
    "manager",
    "assessor",
    "partner_worker",
    "analyst",
    "council_admin",
    "coordinator",
    "other_pa",
    "parent",
}

ROWS = {
    "favicon": ("public", EVERYONE, {}),
}

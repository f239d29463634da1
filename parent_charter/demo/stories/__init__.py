"""Each area's own demo stories, one module per app named by its label (`concerns.py` for the
concerns app), with `seed(council) -> str`: idempotent, returning a short summary for the
console or "". A module may also offer `sign_in_rows()` for the printed table of sign-ins.

`manage.py seed_demo` runs them in INSTALLED_APPS order, after the demo parents, children and
plans exist. They live in the demo app, which may import every app; no app imports them.
"""

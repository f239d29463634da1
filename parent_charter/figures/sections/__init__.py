"""The sections of the council figures page, one module per group of figures.

Each `count_*` function reads its records once for every period shown and puts its counts
in the page's `Book`; each `*_view` function reads the protected counts back into the rows
the template shows. `selectors.council_figures` calls them in a fixed order, which is the
order `disclosure.protect` weighs the counts in.
"""

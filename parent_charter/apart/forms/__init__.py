"""Forms of the living-apart pages, by sub-area. Each error is shown next to its field, in
GOV.UK words."""

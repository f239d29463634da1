"""Parenting assessments, and the parent's own care history sealed behind a break-glass."""

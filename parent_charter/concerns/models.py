"""Concerns raised about parenting, and the support and rights that follow."""

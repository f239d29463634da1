"""Referrals of parents to partner services and programmes, and partners' delivery of them."""

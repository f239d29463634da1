"""Referrals to children's services and pre-birth assessment requests, and the referral guard."""

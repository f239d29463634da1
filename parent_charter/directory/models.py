"""The service directory, in the Open Referral UK shape, with its open API."""

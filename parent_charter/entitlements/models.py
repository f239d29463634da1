"""Rights and entitlements kept as rules with sources, and the guide that reads them."""

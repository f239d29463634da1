"""Who to contact now: the parent's adviser, the duty worker or the emergency duty team."""

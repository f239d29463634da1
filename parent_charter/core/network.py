"""The client's address, trusting X-Forwarded-For only as far as our own proxies.

A client can put anything in X-Forwarded-For; only the entries our load balancers appended
are true. With TRUSTED_PROXY_COUNT=n we take the n-th address from the right.
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    proxies = settings.PARENT_CHARTER_TRUSTED_PROXY_COUNT
    candidate = request.META.get("REMOTE_ADDR")
    if proxies > 0:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate)) if candidate else None
    except ValueError:
        return None

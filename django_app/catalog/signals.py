"""Failed logins are logged with the client's address, so fail2ban can ban a password guesser.

The line is "failed login from <address> for <username>": the address comes first and is always an
IP address (or "unknown"), so a username cannot forge it for the ban filter that reads these lines.
"""

from __future__ import annotations

import ipaddress
import logging

from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

logger = logging.getLogger("catalog.auth")


def client_address(request) -> str:
    """The address nginx saw: the last X-Forwarded-For entry is the one nginx itself added."""
    if request is None:
        return "unknown"
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
    for candidate in (forwarded, request.META.get("REMOTE_ADDR", "")):
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return "unknown"


@receiver(user_login_failed)
def log_failed_login(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:64]
    logger.warning("failed login from %s for %r", client_address(request), username)

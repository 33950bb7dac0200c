#!/usr/bin/python3
"""A real SMTP server for the tests (aiosmtpd, the distribution's package), standing in for a provider.

smtp-sink ADDRESS PORT CONFIG_DIR MAIL_DIR
STARTTLS with CONFIG_DIR/cert.pem and key.pem, required before anything else; AUTH PLAIN/LOGIN with
the one login in CONFIG_DIR/login (user:password), required before MAIL. Each message is saved to
MAIL_DIR as <n>.eml, headed by the envelope and the login it came with.
"""
import signal
import ssl
import sys
import time
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

address, port, config, mail_dir = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])
user, password = (config / "login").read_text().strip().split(":", 1)
mail_dir.mkdir(parents=True, exist_ok=True)


def authenticate(server, session, envelope, mechanism, auth_data):
    valid = (isinstance(auth_data, LoginPassword)
             and auth_data.login.decode() == user and auth_data.password.decode() == password)
    return AuthResult(success=valid, auth_data=auth_data if valid else None)


class Save:
    async def handle_DATA(self, server, session, envelope):
        head = (f"X-Sink-Envelope-From: {envelope.mail_from}\r\n"
                f"X-Sink-Envelope-To: {', '.join(envelope.rcpt_tos)}\r\n"
                f"X-Sink-Login: {session.auth_data.login.decode() if session.auth_data else ''}\r\n")
        (mail_dir / f"{time.time_ns()}.eml").write_bytes(head.encode() + envelope.original_content)
        return "250 Message accepted"


context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(config / "cert.pem", config / "key.pem")
controller = Controller(Save(), hostname=address, port=port, server_hostname="smtp.test", tls_context=context,
                        require_starttls=True, authenticator=authenticate, auth_required=True,
                        auth_require_tls=True)
controller.start()
signal.sigwait({signal.SIGTERM, signal.SIGINT})
controller.stop()

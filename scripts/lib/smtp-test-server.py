#!/usr/bin/env python3
"""A real mail server for the tests of Coproduce's SMTP client (aiosmtpd).

Usage: smtp-test-server.py FOLDER MODE [--login NAME:PASSWORD] [--methods PLAIN,LOGIN] [--size-limit BYTES]

MODE is starttls (TLS offered and required after EHLO), tls (TLS from the
first byte), plain (no TLS offered), or injection: not aiosmtpd but a
hostile server that agrees to STARTTLS and sends a forged reply in the clear
straight after, as someone between the two could (CVE-2011-0411). It makes a certificate for
"localhost" in FOLDER (cert.pem, key.pem), listens on a free loopback port,
and writes the port to FOLDER/port once it answers. Each message it accepts
is written to FOLDER/mail-N.eml with FOLDER/mail-N.json holding the
envelope. Recipients starting "refused" get 550; those starting "later"
get 451 the first time and are accepted after that. It stops when its
standard input closes, so it never outlives the test that started it.
"""
import argparse
import asyncio
import email
import email.policy
import json
import os
import socket
import ssl
import subprocess
import sys
import warnings

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Keeper:
    def __init__(self, folder, implicit_tls):
        self.folder = folder
        self.implicit_tls = implicit_tls
        self.count = 0
        self.deferred = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("refused"):
            return "550 5.1.1 No such mailbox here"
        if address.startswith("later") and address not in self.deferred:
            self.deferred.add(address)
            return "451 4.7.1 Greylisted, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.folder, "mail-%d" % self.count)
        with open(base + ".eml", "wb") as message:
            message.write(envelope.original_content)
        # Python's own MIME parser reads the message, as a mail program would.
        parsed = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        text = parsed.get_body(preferencelist=("plain",))
        attachments = [{"name": part.get_filename(), "type": part.get_content_type(), "bytes": len(part.get_payload(decode=True))}
                       for part in parsed.iter_attachments()]
        with open(base + ".json", "w") as sidecar:
            json.dump({"from": envelope.mail_from, "to": envelope.rcpt_tos, "tls": self.implicit_tls or session.ssl is not None,
                       "login": session.auth_data, "subject": str(parsed["subject"]), "text": text.get_content() if text else None,
                       "attachments": attachments, "defects": [str(d) for d in parsed.defects]}, sidecar)
        return "250 2.0.0 Accepted"


def certificate(folder):
    cert, key = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost", "-keyout", key, "-out", cert],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


def injecting(folder):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    with open(os.path.join(folder, "port.tmp"), "w") as written:
        written.write(str(listener.getsockname()[1]))
    os.rename(os.path.join(folder, "port.tmp"), os.path.join(folder, "port"))
    connection, _ = listener.accept()
    connection.sendall(b"220 hostile.example ESMTP\r\n")
    lines = connection.makefile("rb")
    lines.readline()  # EHLO
    connection.sendall(b"250-hostile.example\r\n250 STARTTLS\r\n")
    lines.readline()  # STARTTLS
    connection.sendall(b"220 Go ahead\r\n250 forged in the clear\r\n")
    sys.stdin.read()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("mode", choices=["starttls", "tls", "plain", "injection"])
    parser.add_argument("--size-limit", type=int)
    parser.add_argument("--login")
    parser.add_argument("--methods", default="PLAIN,LOGIN")
    arguments = parser.parse_args()
    warnings.simplefilter("ignore")
    context = certificate(arguments.folder)
    if arguments.mode == "injection":
        return injecting(arguments.folder)
    options = {}
    if arguments.size_limit:
        options.update(data_size_limit=arguments.size_limit)
    if arguments.login:
        name, password = arguments.login.split(":", 1)

        def check(server, session, envelope, mechanism, data):
            good = isinstance(data, LoginPassword) and data.login.decode() == name and data.password.decode() == password
            return AuthResult(success=good, handled=False, auth_data=name if good else None)

        everything = {"PLAIN", "LOGIN"}
        options.update(authenticator=check, auth_required=True,
                       auth_exclude_mechanism=sorted(everything - set(arguments.methods.split(","))))
    if arguments.mode == "starttls":
        options.update(tls_context=context, require_starttls=True)
    else:
        options.update(auth_require_tls=False)
    port = free_port()
    controller = Controller(Keeper(arguments.folder, arguments.mode == "tls"), hostname="127.0.0.1", port=port,
                            ssl_context=context if arguments.mode == "tls" else None, **options)
    controller.start()
    with open(os.path.join(arguments.folder, "port.tmp"), "w") as written:
        written.write(str(port))
    os.rename(os.path.join(arguments.folder, "port.tmp"), os.path.join(arguments.folder, "port"))
    sys.stdin.read()
    controller.stop()


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""A real SMTP server on loopback for keyledger's mail tests (Debian's python3-aiosmtpd).

Usage: smtp_sink.py --dir DIR --port PORT [--starttls-cert CERT --starttls-key KEY]
With a certificate it offers STARTTLS and refuses mail before it (530), as a real relay would.
Each accepted message is written to DIR/NNNN.eml, preceded by an "X-Sink-Rcpt:" line naming the
envelope recipients. Control files in DIR change its behaviour while it runs:
  refuse  answer DATA with 451 (a temporary failure) and keep nothing
  hold    write the message, then delay the 250 answer until the file is removed (a sender
          killed in that window cannot know whether the mail was accepted)
Prints "READY" once it accepts connections.
"""
import argparse
import asyncio
import os
import ssl
import sys
import time

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, directory):
        self.directory = directory
        self.count = len([n for n in os.listdir(directory) if n.endswith(".eml")])

    async def handle_DATA(self, server, session, envelope):
        if os.path.exists(os.path.join(self.directory, "refuse")):
            return "451 4.3.0 sink refuses for now"
        self.count += 1
        name = os.path.join(self.directory, "%04d.eml" % self.count)
        with open(name + ".tmp", "wb") as f:
            f.write(b"X-Sink-Rcpt: " + ",".join(envelope.rcpt_tos).encode() + b"\r\n")
            f.write(envelope.original_content or envelope.content)
        os.rename(name + ".tmp", name)
        while os.path.exists(os.path.join(self.directory, "hold")):
            await asyncio.sleep(0.05)
        return "250 2.0.0 OK queued as %04d" % self.count


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--starttls-cert")
    parser.add_argument("--starttls-key")
    args = parser.parse_args()
    tls = {}
    if args.starttls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.starttls_cert, args.starttls_key)
        tls = {"tls_context": context, "require_starttls": True}
    controller = Controller(Sink(args.dir), hostname="127.0.0.1", port=args.port, **tls)
    controller.start()
    print("READY", flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    sys.exit(main())

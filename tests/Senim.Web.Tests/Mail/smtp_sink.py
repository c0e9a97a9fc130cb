"""A test SMTP server's handler for aiosmtpd: every accepted message becomes an .eml file in a folder, with the
envelope's recipients in an X-Envelope-To header; a recipient whose local part starts with "refuse" gets 550.

    python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c smtp_sink.Sink FOLDER      (with this folder on PYTHONPATH)
"""
import itertools
import os


class Sink:
    def __init__(self, folder):
        self.folder = folder
        os.makedirs(folder, exist_ok=True)
        self.count = itertools.count()

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("Sink takes one argument: the folder")
        return cls(args[0])

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("refuse"):
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        name = os.path.join(self.folder, "%d-%06d.eml" % (os.getpid(), next(self.count)))
        with open(name + ".part", "wb") as out:
            out.write(("X-Envelope-To: " + ",".join(envelope.rcpt_tos) + "\r\n").encode("ascii"))
            out.write(envelope.original_content)
        os.replace(name + ".part", name)
        return "250 Message accepted for delivery"

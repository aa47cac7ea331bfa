"""A real SMTP server in the test process (aiosmtpd), keeping the messages it receives."""

import re
import socket
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller

LINK = re.compile(r"https?://\S+")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Mailbox:
    """The aiosmtpd handler: every message received, parsed."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.port = free_port()

    async def handle_DATA(self, server, session, envelope) -> str:
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"

    def last_to(self, address: str) -> EmailMessage:
        received = [m for m in self.messages if m["To"] == address]
        assert received, f"no message to {address}"
        return received[-1]


def start(mailbox: Mailbox) -> Controller:
    controller = Controller(mailbox, hostname="127.0.0.1", port=mailbox.port)
    controller.start()
    return controller


def body(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def link_path(message: EmailMessage) -> str:
    """The path of the one link in the message, to follow with the test client."""
    links = LINK.findall(body(message))
    assert len(links) == 1, links
    return re.sub(r"^https?://[^/]+", "", links[0])

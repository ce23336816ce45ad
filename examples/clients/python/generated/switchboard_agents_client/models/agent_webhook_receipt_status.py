from enum import StrEnum


class AgentWebhookReceiptStatus(StrEnum):
    ACCEPTED = "accepted"

    def __str__(self) -> str:
        return str(self.value)

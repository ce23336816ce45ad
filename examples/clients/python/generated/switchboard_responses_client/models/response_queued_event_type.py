from enum import StrEnum


class ResponseQueuedEventType(StrEnum):
    RESPONSE_QUEUED = "response.queued"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class ResponseIncompleteEventType(StrEnum):
    RESPONSE_INCOMPLETE = "response.incomplete"

    def __str__(self) -> str:
        return str(self.value)

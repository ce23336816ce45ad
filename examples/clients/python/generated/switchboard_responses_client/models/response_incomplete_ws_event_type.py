from enum import StrEnum


class ResponseIncompleteWsEventType(StrEnum):
    RESPONSE_INCOMPLETE = "response.incomplete"

    def __str__(self) -> str:
        return str(self.value)

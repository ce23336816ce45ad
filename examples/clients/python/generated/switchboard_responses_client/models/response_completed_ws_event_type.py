from enum import StrEnum


class ResponseCompletedWsEventType(StrEnum):
    RESPONSE_COMPLETED = "response.completed"

    def __str__(self) -> str:
        return str(self.value)

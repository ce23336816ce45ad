from enum import StrEnum


class ResponseCompletedEventType(StrEnum):
    RESPONSE_COMPLETED = "response.completed"

    def __str__(self) -> str:
        return str(self.value)

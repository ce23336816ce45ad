from enum import StrEnum


class ResponseInProgressWsEventType(StrEnum):
    RESPONSE_IN_PROGRESS = "response.in_progress"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class ResponseErrorWsEventType(StrEnum):
    ERROR = "error"

    def __str__(self) -> str:
        return str(self.value)

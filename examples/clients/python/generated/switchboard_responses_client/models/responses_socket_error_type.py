from enum import StrEnum


class ResponsesSocketErrorType(StrEnum):
    ERROR = "error"

    def __str__(self) -> str:
        return str(self.value)

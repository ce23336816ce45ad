from enum import StrEnum


class ResponseObjectTruncation(StrEnum):
    DISABLED = "disabled"

    def __str__(self) -> str:
        return str(self.value)

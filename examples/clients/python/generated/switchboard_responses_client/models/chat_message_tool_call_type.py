from enum import StrEnum


class ChatMessageToolCallType(StrEnum):
    FUNCTION = "function"

    def __str__(self) -> str:
        return str(self.value)

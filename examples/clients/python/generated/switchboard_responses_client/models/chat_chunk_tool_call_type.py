from enum import StrEnum


class ChatChunkToolCallType(StrEnum):
    FUNCTION = "function"

    def __str__(self) -> str:
        return str(self.value)

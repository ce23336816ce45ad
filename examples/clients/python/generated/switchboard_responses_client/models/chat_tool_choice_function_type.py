from enum import StrEnum


class ChatToolChoiceFunctionType(StrEnum):
    FUNCTION = "function"

    def __str__(self) -> str:
        return str(self.value)

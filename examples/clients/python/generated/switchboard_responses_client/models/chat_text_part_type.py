from enum import StrEnum


class ChatTextPartType(StrEnum):
    TEXT = "text"

    def __str__(self) -> str:
        return str(self.value)

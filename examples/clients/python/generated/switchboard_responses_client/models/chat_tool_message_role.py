from enum import StrEnum


class ChatToolMessageRole(StrEnum):
    TOOL = "tool"

    def __str__(self) -> str:
        return str(self.value)

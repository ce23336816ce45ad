from enum import StrEnum


class ChatFilePartType(StrEnum):
    FILE = "file"

    def __str__(self) -> str:
        return str(self.value)

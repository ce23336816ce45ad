from enum import StrEnum


class MessageResourceType(StrEnum):
    MESSAGE = "message"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class TextFormatTextType(StrEnum):
    TEXT = "text"

    def __str__(self) -> str:
        return str(self.value)

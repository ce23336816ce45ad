from enum import StrEnum


class AllowedToolType(StrEnum):
    FUNCTION = "function"

    def __str__(self) -> str:
        return str(self.value)

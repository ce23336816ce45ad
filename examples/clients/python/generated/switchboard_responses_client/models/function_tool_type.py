from enum import StrEnum


class FunctionToolType(StrEnum):
    FUNCTION = "function"

    def __str__(self) -> str:
        return str(self.value)

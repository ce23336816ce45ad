from enum import StrEnum


class FunctionToolEchoType(StrEnum):
    FUNCTION = "function"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class ReasoningInputType(StrEnum):
    REASONING = "reasoning"

    def __str__(self) -> str:
        return str(self.value)

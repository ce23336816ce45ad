from enum import StrEnum


class ReasoningItemType(StrEnum):
    REASONING = "reasoning"

    def __str__(self) -> str:
        return str(self.value)

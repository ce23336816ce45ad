from enum import StrEnum


class ReasoningTextType(StrEnum):
    REASONING_TEXT = "reasoning_text"

    def __str__(self) -> str:
        return str(self.value)

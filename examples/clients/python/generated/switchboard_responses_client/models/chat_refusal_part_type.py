from enum import StrEnum


class ChatRefusalPartType(StrEnum):
    REFUSAL = "refusal"

    def __str__(self) -> str:
        return str(self.value)

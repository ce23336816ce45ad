from enum import StrEnum


class RefusalContentType(StrEnum):
    REFUSAL = "refusal"

    def __str__(self) -> str:
        return str(self.value)

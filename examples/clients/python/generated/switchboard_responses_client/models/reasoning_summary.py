from enum import StrEnum


class ReasoningSummary(StrEnum):
    AUTO = "auto"
    CONCISE = "concise"
    DETAILED = "detailed"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class AgentTextDeltaEventType(StrEnum):
    TEXT_DELTA = "text_delta"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class AgentEventFrameType(StrEnum):
    EVENT = "event"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class AgentIdleEventType(StrEnum):
    IDLE = "idle"

    def __str__(self) -> str:
        return str(self.value)

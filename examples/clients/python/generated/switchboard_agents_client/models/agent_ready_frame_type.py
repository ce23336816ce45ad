from enum import StrEnum


class AgentReadyFrameType(StrEnum):
    READY = "ready"

    def __str__(self) -> str:
        return str(self.value)

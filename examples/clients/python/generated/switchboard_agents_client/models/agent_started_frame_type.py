from enum import StrEnum


class AgentStartedFrameType(StrEnum):
    STARTED = "started"

    def __str__(self) -> str:
        return str(self.value)

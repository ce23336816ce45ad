from enum import StrEnum


class AgentReadyFrameTarget(StrEnum):
    AGENT = "agent"

    def __str__(self) -> str:
        return str(self.value)

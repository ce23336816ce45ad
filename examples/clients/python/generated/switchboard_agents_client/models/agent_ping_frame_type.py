from enum import StrEnum


class AgentPingFrameType(StrEnum):
    PING = "ping"

    def __str__(self) -> str:
        return str(self.value)

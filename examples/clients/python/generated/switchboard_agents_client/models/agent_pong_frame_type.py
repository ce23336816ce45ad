from enum import StrEnum


class AgentPongFrameType(StrEnum):
    PONG = "pong"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class AgentAbortFrameType(StrEnum):
    ABORT = "abort"

    def __str__(self) -> str:
        return str(self.value)

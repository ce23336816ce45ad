from enum import StrEnum


class AgentErrorFrameType(StrEnum):
    ERROR = "error"

    def __str__(self) -> str:
        return str(self.value)

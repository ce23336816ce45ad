from enum import StrEnum


class AgentResultFrameType(StrEnum):
    RESULT = "result"

    def __str__(self) -> str:
        return str(self.value)

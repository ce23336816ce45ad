from enum import StrEnum


class AgentResultEventType(StrEnum):
    RESULT = "result"

    def __str__(self) -> str:
        return str(self.value)

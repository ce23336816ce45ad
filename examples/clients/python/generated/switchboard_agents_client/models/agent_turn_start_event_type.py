from enum import StrEnum


class AgentTurnStartEventType(StrEnum):
    TURN_START = "turn_start"

    def __str__(self) -> str:
        return str(self.value)

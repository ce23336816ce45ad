from enum import StrEnum


class WorkflowSystemMessageType(StrEnum):
    SYSTEM_MESSAGE = "system_message"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class WorkflowTextMessageType(StrEnum):
    TEXT_MESSAGE = "text_message"

    def __str__(self) -> str:
        return str(self.value)

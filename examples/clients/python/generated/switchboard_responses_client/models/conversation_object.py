from enum import StrEnum


class ConversationObject(StrEnum):
    CONVERSATION = "conversation"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class DeletedConversationObject(StrEnum):
    CONVERSATION_DELETED = "conversation.deleted"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class ConversationItemListObject(StrEnum):
    LIST = "list"

    def __str__(self) -> str:
        return str(self.value)

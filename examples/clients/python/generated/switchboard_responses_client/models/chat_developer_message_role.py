from enum import StrEnum


class ChatDeveloperMessageRole(StrEnum):
    DEVELOPER = "developer"

    def __str__(self) -> str:
        return str(self.value)

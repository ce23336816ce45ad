from enum import StrEnum


class ChatChunkDeltaRole(StrEnum):
    ASSISTANT = "assistant"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class ChatFinishReason(StrEnum):
    CONTENT_FILTER = "content_filter"
    LENGTH = "length"
    STOP = "stop"
    TOOL_CALLS = "tool_calls"

    def __str__(self) -> str:
        return str(self.value)

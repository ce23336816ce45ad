from enum import StrEnum


class ChatCompletionSseFrameType1(StrEnum):
    VALUE_0 = "[DONE]"

    def __str__(self) -> str:
        return str(self.value)

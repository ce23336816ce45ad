from enum import StrEnum


class AgentPromptFrameType(StrEnum):
    PROMPT = "prompt"

    def __str__(self) -> str:
        return str(self.value)

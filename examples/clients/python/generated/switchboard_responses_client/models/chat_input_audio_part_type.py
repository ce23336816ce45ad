from enum import StrEnum


class ChatInputAudioPartType(StrEnum):
    INPUT_AUDIO = "input_audio"

    def __str__(self) -> str:
        return str(self.value)

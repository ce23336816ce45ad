from enum import StrEnum


class InputTextContentType(StrEnum):
    INPUT_TEXT = "input_text"

    def __str__(self) -> str:
        return str(self.value)

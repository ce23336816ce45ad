from enum import StrEnum


class InputTokensCountObject(StrEnum):
    RESPONSE_INPUT_TOKENS = "response.input_tokens"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class ToolChoiceAllowedType(StrEnum):
    ALLOWED_TOOLS = "allowed_tools"

    def __str__(self) -> str:
        return str(self.value)

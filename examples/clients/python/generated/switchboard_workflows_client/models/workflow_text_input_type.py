from enum import StrEnum


class WorkflowTextInputType(StrEnum):
    TEXT_INPUT = "text_input"

    def __str__(self) -> str:
        return str(self.value)

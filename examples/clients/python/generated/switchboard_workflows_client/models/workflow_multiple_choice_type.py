from enum import StrEnum


class WorkflowMultipleChoiceType(StrEnum):
    MULTIPLE_CHOICE = "multiple_choice"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class WorkflowCompletedType(StrEnum):
    WORKFLOW_COMPLETED = "workflow_completed"

    def __str__(self) -> str:
        return str(self.value)

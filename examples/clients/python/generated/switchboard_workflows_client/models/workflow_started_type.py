from enum import StrEnum


class WorkflowStartedType(StrEnum):
    WORKFLOW_STARTED = "workflow_started"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class WorkflowFunctionCallExecutionType(StrEnum):
    FUNCTION_CALL_EXECUTION = "function_call_execution"

    def __str__(self) -> str:
        return str(self.value)

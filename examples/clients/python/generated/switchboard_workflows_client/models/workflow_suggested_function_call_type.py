from enum import StrEnum


class WorkflowSuggestedFunctionCallType(StrEnum):
    SUGGESTED_FUNCTION_CALL = "suggested_function_call"

    def __str__(self) -> str:
        return str(self.value)

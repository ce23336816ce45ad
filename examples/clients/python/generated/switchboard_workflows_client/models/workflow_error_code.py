from enum import StrEnum


class WorkflowErrorCode(StrEnum):
    FORBIDDEN = "forbidden"
    INIT_TIMEOUT = "init_timeout"
    INTERNAL_ERROR = "internal_error"
    INVALID_CHOICE = "invalid_choice"
    INVALID_JSON = "invalid_json"
    NO_OPEN_QUESTION = "no_open_question"
    RUN_UNAVAILABLE = "run_unavailable"
    TOO_MANY_REQUESTS = "too_many_requests"
    UNKNOWN_QUESTION = "unknown_question"
    VALIDATION_FAILED = "validation_failed"
    WORKFLOW_ABANDONED = "workflow_abandoned"
    WORKFLOW_FAILED = "workflow_failed"
    WORKFLOW_NOT_FOUND = "workflow_not_found"
    WORKFLOW_UUID_IN_USE = "workflow_uuid_in_use"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class WorkflowHttpErrorType(StrEnum):
    FORBIDDEN = "forbidden"
    INTERNAL_ERROR = "internal_error"
    INVALID_JSON = "invalid_json"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    PAYLOAD_TOO_LARGE = "payload_too_large"
    ROUTE_NOT_FOUND = "route_not_found"
    SERVICE_UNAVAILABLE = "service_unavailable"
    TOO_MANY_REQUESTS = "too_many_requests"
    UNAUTHORIZED = "unauthorized"
    UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type"
    UPGRADE_REQUIRED = "upgrade_required"
    VALIDATION_FAILED = "validation_failed"
    WORKFLOW_NOT_FOUND = "workflow_not_found"

    def __str__(self) -> str:
        return str(self.value)

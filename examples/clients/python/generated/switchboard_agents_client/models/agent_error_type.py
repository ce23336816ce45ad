from enum import StrEnum


class AgentErrorType(StrEnum):
    ABORTED = "aborted"
    AGENT_NOT_FOUND = "agent_not_found"
    FORBIDDEN = "forbidden"
    INTERNAL_ERROR = "internal_error"
    INVALID_JSON = "invalid_json"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    PAYLOAD_TOO_LARGE = "payload_too_large"
    ROUTE_NOT_FOUND = "route_not_found"
    SERVICE_UNAVAILABLE = "service_unavailable"
    SESSION_BUSY = "session_busy"
    STREAM_NOT_FOUND = "stream_not_found"
    TOO_MANY_REQUESTS = "too_many_requests"
    UNAUTHORIZED = "unauthorized"
    UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type"
    UPGRADE_REQUIRED = "upgrade_required"
    VALIDATION_FAILED = "validation_failed"

    def __str__(self) -> str:
        return str(self.value)

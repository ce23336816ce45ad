"""Contains all the data models used in inputs/outputs"""

from .connect_workflow_socket_sec_web_socket_version import (
    ConnectWorkflowSocketSecWebSocketVersion,
)
from .connect_workflow_socket_upgrade import ConnectWorkflowSocketUpgrade
from .workflow_completed import WorkflowCompleted
from .workflow_completed_content import WorkflowCompletedContent
from .workflow_completed_type import WorkflowCompletedType
from .workflow_error import WorkflowError
from .workflow_error_code import WorkflowErrorCode
from .workflow_error_content import WorkflowErrorContent
from .workflow_error_detail import WorkflowErrorDetail
from .workflow_error_envelope import WorkflowErrorEnvelope
from .workflow_error_type import WorkflowErrorType
from .workflow_function_call_execution import WorkflowFunctionCallExecution
from .workflow_function_call_execution_content import (
    WorkflowFunctionCallExecutionContent,
)
from .workflow_function_call_execution_type import WorkflowFunctionCallExecutionType
from .workflow_http_error_type import WorkflowHttpErrorType
from .workflow_info import WorkflowInfo
from .workflow_init_frame import WorkflowInitFrame
from .workflow_init_frame_params import WorkflowInitFrameParams
from .workflow_init_frame_type import WorkflowInitFrameType
from .workflow_initiate_request import WorkflowInitiateRequest
from .workflow_initiate_request_params import WorkflowInitiateRequestParams
from .workflow_initiate_response import WorkflowInitiateResponse
from .workflow_initiate_response_params import WorkflowInitiateResponseParams
from .workflow_input_response_frame import WorkflowInputResponseFrame
from .workflow_input_response_frame_type import WorkflowInputResponseFrameType
from .workflow_keep_alive import WorkflowKeepAlive
from .workflow_keep_alive_content import WorkflowKeepAliveContent
from .workflow_keep_alive_type import WorkflowKeepAliveType
from .workflow_multiple_choice import WorkflowMultipleChoice
from .workflow_multiple_choice_content import WorkflowMultipleChoiceContent
from .workflow_multiple_choice_type import WorkflowMultipleChoiceType
from .workflow_resume_frame import WorkflowResumeFrame
from .workflow_resume_frame_type import WorkflowResumeFrameType
from .workflow_started import WorkflowStarted
from .workflow_started_content import WorkflowStartedContent
from .workflow_started_content_params import WorkflowStartedContentParams
from .workflow_started_type import WorkflowStartedType
from .workflow_suggested_function_call import WorkflowSuggestedFunctionCall
from .workflow_suggested_function_call_content import (
    WorkflowSuggestedFunctionCallContent,
)
from .workflow_suggested_function_call_content_arguments import (
    WorkflowSuggestedFunctionCallContentArguments,
)
from .workflow_suggested_function_call_type import WorkflowSuggestedFunctionCallType
from .workflow_system_message import WorkflowSystemMessage
from .workflow_system_message_content import WorkflowSystemMessageContent
from .workflow_system_message_content_message import WorkflowSystemMessageContentMessage
from .workflow_system_message_type import WorkflowSystemMessageType
from .workflow_text_input import WorkflowTextInput
from .workflow_text_input_content import WorkflowTextInputContent
from .workflow_text_input_type import WorkflowTextInputType
from .workflow_text_message import WorkflowTextMessage
from .workflow_text_message_content import WorkflowTextMessageContent
from .workflow_text_message_type import WorkflowTextMessageType

__all__ = (
    "ConnectWorkflowSocketSecWebSocketVersion",
    "ConnectWorkflowSocketUpgrade",
    "WorkflowCompleted",
    "WorkflowCompletedContent",
    "WorkflowCompletedType",
    "WorkflowError",
    "WorkflowErrorCode",
    "WorkflowErrorContent",
    "WorkflowErrorDetail",
    "WorkflowErrorEnvelope",
    "WorkflowErrorType",
    "WorkflowFunctionCallExecution",
    "WorkflowFunctionCallExecutionContent",
    "WorkflowFunctionCallExecutionType",
    "WorkflowHttpErrorType",
    "WorkflowInfo",
    "WorkflowInitFrame",
    "WorkflowInitFrameParams",
    "WorkflowInitFrameType",
    "WorkflowInitiateRequest",
    "WorkflowInitiateRequestParams",
    "WorkflowInitiateResponse",
    "WorkflowInitiateResponseParams",
    "WorkflowInputResponseFrame",
    "WorkflowInputResponseFrameType",
    "WorkflowKeepAlive",
    "WorkflowKeepAliveContent",
    "WorkflowKeepAliveType",
    "WorkflowMultipleChoice",
    "WorkflowMultipleChoiceContent",
    "WorkflowMultipleChoiceType",
    "WorkflowResumeFrame",
    "WorkflowResumeFrameType",
    "WorkflowStarted",
    "WorkflowStartedContent",
    "WorkflowStartedContentParams",
    "WorkflowStartedType",
    "WorkflowSuggestedFunctionCall",
    "WorkflowSuggestedFunctionCallContent",
    "WorkflowSuggestedFunctionCallContentArguments",
    "WorkflowSuggestedFunctionCallType",
    "WorkflowSystemMessage",
    "WorkflowSystemMessageContent",
    "WorkflowSystemMessageContentMessage",
    "WorkflowSystemMessageType",
    "WorkflowTextInput",
    "WorkflowTextInputContent",
    "WorkflowTextInputType",
    "WorkflowTextMessage",
    "WorkflowTextMessageContent",
    "WorkflowTextMessageType",
)

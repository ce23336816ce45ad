"""Contains all the data models used in inputs/outputs"""

from .conversation_ref import ConversationRef
from .create_response import CreateResponse
from .deleted_response import DeletedResponse
from .deleted_response_object import DeletedResponseObject
from .function_call_input import FunctionCallInput
from .function_call_input_type import FunctionCallInputType
from .function_call_output_input import FunctionCallOutputInput
from .function_call_output_input_type import FunctionCallOutputInputType
from .function_call_output_resource import FunctionCallOutputResource
from .function_call_output_resource_type import FunctionCallOutputResourceType
from .function_tool import FunctionTool
from .function_tool_call import FunctionToolCall
from .function_tool_call_type import FunctionToolCallType
from .function_tool_parameters_type_0 import FunctionToolParametersType0
from .function_tool_type import FunctionToolType
from .incomplete_details import IncompleteDetails
from .incomplete_details_reason import IncompleteDetailsReason
from .input_message import InputMessage
from .input_message_type import InputMessageType
from .input_text_content import InputTextContent
from .input_text_content_type import InputTextContentType
from .input_tokens_details import InputTokensDetails
from .item_status import ItemStatus
from .message_resource import MessageResource
from .message_resource_type import MessageResourceType
from .message_role import MessageRole
from .metadata import Metadata
from .model_info import ModelInfo
from .model_info_object import ModelInfoObject
from .model_list import ModelList
from .model_list_object import ModelListObject
from .output_message import OutputMessage
from .output_message_role import OutputMessageRole
from .output_message_type import OutputMessageType
from .output_text_content import OutputTextContent
from .output_text_content_type import OutputTextContentType
from .output_tokens_details import OutputTokensDetails
from .refusal_content import RefusalContent
from .refusal_content_type import RefusalContentType
from .response_completed_event import ResponseCompletedEvent
from .response_completed_event_type import ResponseCompletedEventType
from .response_content_part_added_event import ResponseContentPartAddedEvent
from .response_content_part_added_event_type import ResponseContentPartAddedEventType
from .response_content_part_done_event import ResponseContentPartDoneEvent
from .response_content_part_done_event_type import ResponseContentPartDoneEventType
from .response_created_event import ResponseCreatedEvent
from .response_created_event_type import ResponseCreatedEventType
from .response_error import ResponseError
from .response_error_event import ResponseErrorEvent
from .response_error_event_type import ResponseErrorEventType
from .response_failed_event import ResponseFailedEvent
from .response_failed_event_type import ResponseFailedEventType
from .response_function_call_arguments_delta_event import (
    ResponseFunctionCallArgumentsDeltaEvent,
)
from .response_function_call_arguments_delta_event_type import (
    ResponseFunctionCallArgumentsDeltaEventType,
)
from .response_function_call_arguments_done_event import (
    ResponseFunctionCallArgumentsDoneEvent,
)
from .response_function_call_arguments_done_event_type import (
    ResponseFunctionCallArgumentsDoneEventType,
)
from .response_in_progress_event import ResponseInProgressEvent
from .response_in_progress_event_type import ResponseInProgressEventType
from .response_incomplete_event import ResponseIncompleteEvent
from .response_incomplete_event_type import ResponseIncompleteEventType
from .response_item_list import ResponseItemList
from .response_item_list_object import ResponseItemListObject
from .response_object import ResponseObject
from .response_object_object import ResponseObjectObject
from .response_object_truncation import ResponseObjectTruncation
from .response_output_item_added_event import ResponseOutputItemAddedEvent
from .response_output_item_added_event_type import ResponseOutputItemAddedEventType
from .response_output_item_done_event import ResponseOutputItemDoneEvent
from .response_output_item_done_event_type import ResponseOutputItemDoneEventType
from .response_queued_event import ResponseQueuedEvent
from .response_queued_event_type import ResponseQueuedEventType
from .response_sse_frame_type_15 import ResponseSseFrameType15
from .response_status import ResponseStatus
from .response_text_config import ResponseTextConfig
from .response_text_delta_event import ResponseTextDeltaEvent
from .response_text_delta_event_type import ResponseTextDeltaEventType
from .response_text_done_event import ResponseTextDoneEvent
from .response_text_done_event_type import ResponseTextDoneEventType
from .response_usage import ResponseUsage
from .responses_error_detail import ResponsesErrorDetail
from .responses_error_envelope import ResponsesErrorEnvelope
from .responses_operations_list_input_items_order import (
    ResponsesOperationsListInputItemsOrder,
)
from .text_format_text import TextFormatText
from .text_format_text_type import TextFormatTextType
from .tool_choice_function import ToolChoiceFunction
from .tool_choice_function_type import ToolChoiceFunctionType
from .tool_choice_mode import ToolChoiceMode

__all__ = (
    "ConversationRef",
    "CreateResponse",
    "DeletedResponse",
    "DeletedResponseObject",
    "FunctionCallInput",
    "FunctionCallInputType",
    "FunctionCallOutputInput",
    "FunctionCallOutputInputType",
    "FunctionCallOutputResource",
    "FunctionCallOutputResourceType",
    "FunctionTool",
    "FunctionToolCall",
    "FunctionToolCallType",
    "FunctionToolParametersType0",
    "FunctionToolType",
    "IncompleteDetails",
    "IncompleteDetailsReason",
    "InputMessage",
    "InputMessageType",
    "InputTextContent",
    "InputTextContentType",
    "InputTokensDetails",
    "ItemStatus",
    "MessageResource",
    "MessageResourceType",
    "MessageRole",
    "Metadata",
    "ModelInfo",
    "ModelInfoObject",
    "ModelList",
    "ModelListObject",
    "OutputMessage",
    "OutputMessageRole",
    "OutputMessageType",
    "OutputTextContent",
    "OutputTextContentType",
    "OutputTokensDetails",
    "RefusalContent",
    "RefusalContentType",
    "ResponseCompletedEvent",
    "ResponseCompletedEventType",
    "ResponseContentPartAddedEvent",
    "ResponseContentPartAddedEventType",
    "ResponseContentPartDoneEvent",
    "ResponseContentPartDoneEventType",
    "ResponseCreatedEvent",
    "ResponseCreatedEventType",
    "ResponseError",
    "ResponseErrorEvent",
    "ResponseErrorEventType",
    "ResponseFailedEvent",
    "ResponseFailedEventType",
    "ResponseFunctionCallArgumentsDeltaEvent",
    "ResponseFunctionCallArgumentsDeltaEventType",
    "ResponseFunctionCallArgumentsDoneEvent",
    "ResponseFunctionCallArgumentsDoneEventType",
    "ResponseInProgressEvent",
    "ResponseInProgressEventType",
    "ResponseIncompleteEvent",
    "ResponseIncompleteEventType",
    "ResponseItemList",
    "ResponseItemListObject",
    "ResponseObject",
    "ResponseObjectObject",
    "ResponseObjectTruncation",
    "ResponseOutputItemAddedEvent",
    "ResponseOutputItemAddedEventType",
    "ResponseOutputItemDoneEvent",
    "ResponseOutputItemDoneEventType",
    "ResponseQueuedEvent",
    "ResponseQueuedEventType",
    "ResponseSseFrameType15",
    "ResponseStatus",
    "ResponseTextConfig",
    "ResponseTextDeltaEvent",
    "ResponseTextDeltaEventType",
    "ResponseTextDoneEvent",
    "ResponseTextDoneEventType",
    "ResponseUsage",
    "ResponsesErrorDetail",
    "ResponsesErrorEnvelope",
    "ResponsesOperationsListInputItemsOrder",
    "TextFormatText",
    "TextFormatTextType",
    "ToolChoiceFunction",
    "ToolChoiceFunctionType",
    "ToolChoiceMode",
)

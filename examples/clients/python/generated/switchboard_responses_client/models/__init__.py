"""Contains all the data models used in inputs/outputs"""

from .allowed_tool import AllowedTool
from .allowed_tool_type import AllowedToolType
from .compact_request import CompactRequest
from .compact_request_image import CompactRequestImage
from .compact_request_prompt_cache_options_type_0 import (
    CompactRequestPromptCacheOptionsType0,
)
from .compact_request_prompt_cache_retention_type_0 import (
    CompactRequestPromptCacheRetentionType0,
)
from .compacted_response import CompactedResponse
from .compacted_response_object import CompactedResponseObject
from .compaction_input import CompactionInput
from .compaction_input_type import CompactionInputType
from .compaction_item import CompactionItem
from .compaction_item_type import CompactionItemType
from .conversation import Conversation
from .conversation_item_list import ConversationItemList
from .conversation_item_list_object import ConversationItemListObject
from .conversation_object import ConversationObject
from .conversation_ref import ConversationRef
from .conversations_operations_list_items_order import (
    ConversationsOperationsListItemsOrder,
)
from .create_conversation import CreateConversation
from .create_conversation_items import CreateConversationItems
from .create_response import CreateResponse
from .create_response_access_programs import CreateResponseAccessPrograms
from .create_response_background_options import CreateResponseBackgroundOptions
from .create_response_context_management_type_0_item import (
    CreateResponseContextManagementType0Item,
)
from .create_response_image import CreateResponseImage
from .create_response_moderation_type_0 import CreateResponseModerationType0
from .create_response_prompt_cache_options_type_0 import (
    CreateResponsePromptCacheOptionsType0,
)
from .create_response_prompt_cache_retention_type_0 import (
    CreateResponsePromptCacheRetentionType0,
)
from .create_response_prompt_type_0 import CreateResponsePromptType0
from .deleted_conversation import DeletedConversation
from .deleted_conversation_object import DeletedConversationObject
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
from .function_tool_echo import FunctionToolEcho
from .function_tool_echo_parameters_type_0 import FunctionToolEchoParametersType0
from .function_tool_echo_type import FunctionToolEchoType
from .function_tool_parameters_type_0 import FunctionToolParametersType0
from .function_tool_type import FunctionToolType
from .image_detail import ImageDetail
from .incomplete_details import IncompleteDetails
from .incomplete_details_reason import IncompleteDetailsReason
from .input_file_content import InputFileContent
from .input_file_content_type import InputFileContentType
from .input_image_content import InputImageContent
from .input_image_content_type import InputImageContentType
from .input_message import InputMessage
from .input_message_type import InputMessageType
from .input_text_content import InputTextContent
from .input_text_content_type import InputTextContentType
from .input_tokens_count import InputTokensCount
from .input_tokens_count_object import InputTokensCountObject
from .input_tokens_details import InputTokensDetails
from .input_tokens_request import InputTokensRequest
from .item_reference_input import ItemReferenceInput
from .item_reference_input_type import ItemReferenceInputType
from .item_status import ItemStatus
from .message_phase import MessagePhase
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
from .reasoning import Reasoning
from .reasoning_echo import ReasoningEcho
from .reasoning_effort import ReasoningEffort
from .reasoning_input import ReasoningInput
from .reasoning_input_type import ReasoningInputType
from .reasoning_item import ReasoningItem
from .reasoning_item_type import ReasoningItemType
from .reasoning_summary import ReasoningSummary
from .reasoning_summary_text import ReasoningSummaryText
from .reasoning_summary_text_type import ReasoningSummaryTextType
from .reasoning_text import ReasoningText
from .reasoning_text_type import ReasoningTextType
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
from .response_object_prompt_cache_retention_type_0 import (
    ResponseObjectPromptCacheRetentionType0,
)
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
from .service_tier import ServiceTier
from .stream_options import StreamOptions
from .text_format_json_object import TextFormatJsonObject
from .text_format_json_object_type import TextFormatJsonObjectType
from .text_format_json_schema import TextFormatJsonSchema
from .text_format_json_schema_schema import TextFormatJsonSchemaSchema
from .text_format_json_schema_type import TextFormatJsonSchemaType
from .text_format_text import TextFormatText
from .text_format_text_type import TextFormatTextType
from .text_verbosity import TextVerbosity
from .tool_choice_allowed import ToolChoiceAllowed
from .tool_choice_allowed_mode import ToolChoiceAllowedMode
from .tool_choice_allowed_type import ToolChoiceAllowedType
from .tool_choice_function import ToolChoiceFunction
from .tool_choice_function_type import ToolChoiceFunctionType
from .tool_choice_mode import ToolChoiceMode
from .truncation import Truncation
from .update_conversation import UpdateConversation

__all__ = (
    "AllowedTool",
    "AllowedToolType",
    "CompactRequest",
    "CompactRequestImage",
    "CompactRequestPromptCacheOptionsType0",
    "CompactRequestPromptCacheRetentionType0",
    "CompactedResponse",
    "CompactedResponseObject",
    "CompactionInput",
    "CompactionInputType",
    "CompactionItem",
    "CompactionItemType",
    "Conversation",
    "ConversationItemList",
    "ConversationItemListObject",
    "ConversationObject",
    "ConversationRef",
    "ConversationsOperationsListItemsOrder",
    "CreateConversation",
    "CreateConversationItems",
    "CreateResponse",
    "CreateResponseAccessPrograms",
    "CreateResponseBackgroundOptions",
    "CreateResponseContextManagementType0Item",
    "CreateResponseImage",
    "CreateResponseModerationType0",
    "CreateResponsePromptCacheOptionsType0",
    "CreateResponsePromptCacheRetentionType0",
    "CreateResponsePromptType0",
    "DeletedConversation",
    "DeletedConversationObject",
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
    "FunctionToolEcho",
    "FunctionToolEchoParametersType0",
    "FunctionToolEchoType",
    "FunctionToolParametersType0",
    "FunctionToolType",
    "ImageDetail",
    "IncompleteDetails",
    "IncompleteDetailsReason",
    "InputFileContent",
    "InputFileContentType",
    "InputImageContent",
    "InputImageContentType",
    "InputMessage",
    "InputMessageType",
    "InputTextContent",
    "InputTextContentType",
    "InputTokensCount",
    "InputTokensCountObject",
    "InputTokensDetails",
    "InputTokensRequest",
    "ItemReferenceInput",
    "ItemReferenceInputType",
    "ItemStatus",
    "MessagePhase",
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
    "Reasoning",
    "ReasoningEcho",
    "ReasoningEffort",
    "ReasoningInput",
    "ReasoningInputType",
    "ReasoningItem",
    "ReasoningItemType",
    "ReasoningSummary",
    "ReasoningSummaryText",
    "ReasoningSummaryTextType",
    "ReasoningText",
    "ReasoningTextType",
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
    "ResponseObjectPromptCacheRetentionType0",
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
    "ServiceTier",
    "StreamOptions",
    "TextFormatJsonObject",
    "TextFormatJsonObjectType",
    "TextFormatJsonSchema",
    "TextFormatJsonSchemaSchema",
    "TextFormatJsonSchemaType",
    "TextFormatText",
    "TextFormatTextType",
    "TextVerbosity",
    "ToolChoiceAllowed",
    "ToolChoiceAllowedMode",
    "ToolChoiceAllowedType",
    "ToolChoiceFunction",
    "ToolChoiceFunctionType",
    "ToolChoiceMode",
    "Truncation",
    "UpdateConversation",
)

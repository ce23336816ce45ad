"""Contains all the data models used in inputs/outputs"""

from .agent_abort_frame import AgentAbortFrame
from .agent_abort_frame_type import AgentAbortFrameType
from .agent_abort_frame_version import AgentAbortFrameVersion
from .agent_abort_result import AgentAbortResult
from .agent_assistant_message import AgentAssistantMessage
from .agent_assistant_message_role import AgentAssistantMessageRole
from .agent_dispatch_receipt import AgentDispatchReceipt
from .agent_dispatch_request import AgentDispatchRequest
from .agent_error import AgentError
from .agent_error_details import AgentErrorDetails
from .agent_error_event import AgentErrorEvent
from .agent_error_event_type import AgentErrorEventType
from .agent_error_frame import AgentErrorFrame
from .agent_error_frame_type import AgentErrorFrameType
from .agent_error_frame_version import AgentErrorFrameVersion
from .agent_error_response import AgentErrorResponse
from .agent_error_type import AgentErrorType
from .agent_event_frame import AgentEventFrame
from .agent_event_frame_type import AgentEventFrameType
from .agent_event_frame_version import AgentEventFrameVersion
from .agent_event_stream import AgentEventStream
from .agent_health import AgentHealth
from .agent_idle_event import AgentIdleEvent
from .agent_idle_event_type import AgentIdleEventType
from .agent_list import AgentList
from .agent_list_entry import AgentListEntry
from .agent_list_entry_triggers import AgentListEntryTriggers
from .agent_model_ref import AgentModelRef
from .agent_ping_frame import AgentPingFrame
from .agent_ping_frame_type import AgentPingFrameType
from .agent_ping_frame_version import AgentPingFrameVersion
from .agent_pong_frame import AgentPongFrame
from .agent_pong_frame_type import AgentPongFrameType
from .agent_pong_frame_version import AgentPongFrameVersion
from .agent_prompt_frame import AgentPromptFrame
from .agent_prompt_frame_type import AgentPromptFrameType
from .agent_prompt_frame_version import AgentPromptFrameVersion
from .agent_prompt_payload import AgentPromptPayload
from .agent_prompt_request import AgentPromptRequest
from .agent_prompt_response import AgentPromptResponse
from .agent_ready_frame import AgentReadyFrame
from .agent_ready_frame_target import AgentReadyFrameTarget
from .agent_ready_frame_type import AgentReadyFrameType
from .agent_ready_frame_version import AgentReadyFrameVersion
from .agent_result import AgentResult
from .agent_result_event import AgentResultEvent
from .agent_result_event_type import AgentResultEventType
from .agent_result_frame import AgentResultFrame
from .agent_result_frame_type import AgentResultFrameType
from .agent_result_frame_version import AgentResultFrameVersion
from .agent_session_history import AgentSessionHistory
from .agent_socket_subprotocol import AgentSocketSubprotocol
from .agent_started_frame import AgentStartedFrame
from .agent_started_frame_type import AgentStartedFrameType
from .agent_started_frame_version import AgentStartedFrameVersion
from .agent_text_delta_event import AgentTextDeltaEvent
from .agent_text_delta_event_type import AgentTextDeltaEventType
from .agent_tool_call_event import AgentToolCallEvent
from .agent_tool_call_event_type import AgentToolCallEventType
from .agent_tool_call_record import AgentToolCallRecord
from .agent_tool_message import AgentToolMessage
from .agent_tool_message_role import AgentToolMessageRole
from .agent_tool_start_event import AgentToolStartEvent
from .agent_tool_start_event_type import AgentToolStartEventType
from .agent_turn_end_event import AgentTurnEndEvent
from .agent_turn_end_event_type import AgentTurnEndEventType
from .agent_turn_start_event import AgentTurnStartEvent
from .agent_turn_start_event_type import AgentTurnStartEventType
from .agent_usage import AgentUsage
from .agent_user_message import AgentUserMessage
from .agent_user_message_role import AgentUserMessageRole
from .agent_webhook_receipt import AgentWebhookReceipt
from .agent_webhook_receipt_status import AgentWebhookReceiptStatus
from .instances_connect_connection import InstancesConnectConnection
from .instances_connect_sec_web_socket_version import (
    InstancesConnectSecWebSocketVersion,
)
from .instances_connect_upgrade import InstancesConnectUpgrade

__all__ = (
    "AgentAbortFrame",
    "AgentAbortFrameType",
    "AgentAbortFrameVersion",
    "AgentAbortResult",
    "AgentAssistantMessage",
    "AgentAssistantMessageRole",
    "AgentDispatchReceipt",
    "AgentDispatchRequest",
    "AgentError",
    "AgentErrorDetails",
    "AgentErrorEvent",
    "AgentErrorEventType",
    "AgentErrorFrame",
    "AgentErrorFrameType",
    "AgentErrorFrameVersion",
    "AgentErrorResponse",
    "AgentErrorType",
    "AgentEventFrame",
    "AgentEventFrameType",
    "AgentEventFrameVersion",
    "AgentEventStream",
    "AgentHealth",
    "AgentIdleEvent",
    "AgentIdleEventType",
    "AgentList",
    "AgentListEntry",
    "AgentListEntryTriggers",
    "AgentModelRef",
    "AgentPingFrame",
    "AgentPingFrameType",
    "AgentPingFrameVersion",
    "AgentPongFrame",
    "AgentPongFrameType",
    "AgentPongFrameVersion",
    "AgentPromptFrame",
    "AgentPromptFrameType",
    "AgentPromptFrameVersion",
    "AgentPromptPayload",
    "AgentPromptRequest",
    "AgentPromptResponse",
    "AgentReadyFrame",
    "AgentReadyFrameTarget",
    "AgentReadyFrameType",
    "AgentReadyFrameVersion",
    "AgentResult",
    "AgentResultEvent",
    "AgentResultEventType",
    "AgentResultFrame",
    "AgentResultFrameType",
    "AgentResultFrameVersion",
    "AgentSessionHistory",
    "AgentSocketSubprotocol",
    "AgentStartedFrame",
    "AgentStartedFrameType",
    "AgentStartedFrameVersion",
    "AgentTextDeltaEvent",
    "AgentTextDeltaEventType",
    "AgentToolCallEvent",
    "AgentToolCallEventType",
    "AgentToolCallRecord",
    "AgentToolMessage",
    "AgentToolMessageRole",
    "AgentToolStartEvent",
    "AgentToolStartEventType",
    "AgentTurnEndEvent",
    "AgentTurnEndEventType",
    "AgentTurnStartEvent",
    "AgentTurnStartEventType",
    "AgentUsage",
    "AgentUserMessage",
    "AgentUserMessageRole",
    "AgentWebhookReceipt",
    "AgentWebhookReceiptStatus",
    "InstancesConnectConnection",
    "InstancesConnectSecWebSocketVersion",
    "InstancesConnectUpgrade",
)

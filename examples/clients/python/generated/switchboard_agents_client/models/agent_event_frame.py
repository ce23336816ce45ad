from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_event_frame_type import AgentEventFrameType
from ..models.agent_event_frame_version import AgentEventFrameVersion

if TYPE_CHECKING:
    from ..models.agent_error_event import AgentErrorEvent
    from ..models.agent_idle_event import AgentIdleEvent
    from ..models.agent_result_event import AgentResultEvent
    from ..models.agent_text_delta_event import AgentTextDeltaEvent
    from ..models.agent_tool_call_event import AgentToolCallEvent
    from ..models.agent_tool_start_event import AgentToolStartEvent
    from ..models.agent_turn_end_event import AgentTurnEndEvent
    from ..models.agent_turn_start_event import AgentTurnStartEvent


T = TypeVar("T", bound="AgentEventFrame")


@_attrs_define
class AgentEventFrame:
    """(`switchboard.v1` only.) One progress event of a running prompt (`turn_start`, `text_delta`, `tool_start`,
    `tool_call`,
    `turn_end`); the outcome comes as a `result` or `error` frame instead of an event.

        Attributes:
            type_ (AgentEventFrameType):
            version (AgentEventFrameVersion):
            request_id (str):
            event (AgentErrorEvent | AgentIdleEvent | AgentResultEvent | AgentTextDeltaEvent | AgentToolCallEvent |
                AgentToolStartEvent | AgentTurnEndEvent | AgentTurnStartEvent): Everything a prompt reports while it runs. For
                each model turn: `turn_start`, `text_delta`*,
                `turn_end`, then (`tool_start`, `tool_call`) for each tool the turn asked for, whose results
                feed the next turn. A successful prompt then ends with `result` and `idle`; a failed or
                aborted one with `error` instead.
    """

    type_: AgentEventFrameType
    version: AgentEventFrameVersion
    request_id: str
    event: (
        AgentErrorEvent
        | AgentIdleEvent
        | AgentResultEvent
        | AgentTextDeltaEvent
        | AgentToolCallEvent
        | AgentToolStartEvent
        | AgentTurnEndEvent
        | AgentTurnStartEvent
    )
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.agent_error_event import AgentErrorEvent
        from ..models.agent_result_event import AgentResultEvent
        from ..models.agent_text_delta_event import AgentTextDeltaEvent
        from ..models.agent_tool_call_event import AgentToolCallEvent
        from ..models.agent_tool_start_event import AgentToolStartEvent
        from ..models.agent_turn_end_event import AgentTurnEndEvent
        from ..models.agent_turn_start_event import AgentTurnStartEvent

        type_ = self.type_.value

        version = self.version.value

        request_id = self.request_id

        event: dict[str, Any]
        if (
            isinstance(self.event, AgentTurnStartEvent)
            or isinstance(self.event, AgentTextDeltaEvent)
            or isinstance(self.event, AgentToolStartEvent)
            or isinstance(self.event, AgentToolCallEvent)
            or isinstance(self.event, AgentTurnEndEvent)
            or isinstance(self.event, AgentResultEvent)
            or isinstance(self.event, AgentErrorEvent)
        ):
            event = self.event.to_dict()
        else:
            event = self.event.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "version": version,
                "requestId": request_id,
                "event": event,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.agent_error_event import AgentErrorEvent
        from ..models.agent_idle_event import AgentIdleEvent
        from ..models.agent_result_event import AgentResultEvent
        from ..models.agent_text_delta_event import AgentTextDeltaEvent
        from ..models.agent_tool_call_event import AgentToolCallEvent
        from ..models.agent_tool_start_event import AgentToolStartEvent
        from ..models.agent_turn_end_event import AgentTurnEndEvent
        from ..models.agent_turn_start_event import AgentTurnStartEvent

        d = dict(src_dict)
        type_ = AgentEventFrameType(d.pop("type"))

        version = AgentEventFrameVersion(d.pop("version"))

        request_id = d.pop("requestId")

        def _parse_event(
            data: object,
        ) -> (
            AgentErrorEvent
            | AgentIdleEvent
            | AgentResultEvent
            | AgentTextDeltaEvent
            | AgentToolCallEvent
            | AgentToolStartEvent
            | AgentTurnEndEvent
            | AgentTurnStartEvent
        ):
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_agent_event_type_0 = AgentTurnStartEvent.from_dict(
                    data
                )

                return componentsschemas_agent_event_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_agent_event_type_1 = AgentTextDeltaEvent.from_dict(
                    data
                )

                return componentsschemas_agent_event_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_agent_event_type_2 = AgentToolStartEvent.from_dict(
                    data
                )

                return componentsschemas_agent_event_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_agent_event_type_3 = AgentToolCallEvent.from_dict(
                    data
                )

                return componentsschemas_agent_event_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_agent_event_type_4 = AgentTurnEndEvent.from_dict(data)

                return componentsschemas_agent_event_type_4
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_agent_event_type_5 = AgentResultEvent.from_dict(data)

                return componentsschemas_agent_event_type_5
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_agent_event_type_6 = AgentErrorEvent.from_dict(data)

                return componentsschemas_agent_event_type_6
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_agent_event_type_7 = AgentIdleEvent.from_dict(data)

            return componentsschemas_agent_event_type_7

        event = _parse_event(d.pop("event"))

        agent_event_frame = cls(
            type_=type_,
            version=version,
            request_id=request_id,
            event=event,
        )

        agent_event_frame.additional_properties = d
        return agent_event_frame

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.agent_assistant_message import AgentAssistantMessage
    from ..models.agent_tool_message import AgentToolMessage
    from ..models.agent_user_message import AgentUserMessage


T = TypeVar("T", bound="AgentSessionHistory")


@_attrs_define
class AgentSessionHistory:
    """A session's conversation so far, oldest first.

    Attributes:
        name (str): The agent's name.
        id (str): The instance id.
        session (str):
        messages (list[AgentAssistantMessage | AgentToolMessage | AgentUserMessage]):
    """

    name: str
    id: str
    session: str
    messages: list[AgentAssistantMessage | AgentToolMessage | AgentUserMessage]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.agent_assistant_message import AgentAssistantMessage
        from ..models.agent_user_message import AgentUserMessage

        name = self.name

        id = self.id

        session = self.session

        messages = []
        for messages_item_data in self.messages:
            messages_item: dict[str, Any]
            if isinstance(messages_item_data, AgentUserMessage) or isinstance(
                messages_item_data, AgentAssistantMessage
            ):
                messages_item = messages_item_data.to_dict()
            else:
                messages_item = messages_item_data.to_dict()

            messages.append(messages_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "id": id,
                "session": session,
                "messages": messages,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.agent_assistant_message import AgentAssistantMessage
        from ..models.agent_tool_message import AgentToolMessage
        from ..models.agent_user_message import AgentUserMessage

        d = dict(src_dict)
        name = d.pop("name")

        id = d.pop("id")

        session = d.pop("session")

        messages = []
        _messages = d.pop("messages")
        for messages_item_data in _messages:

            def _parse_messages_item(
                data: object,
            ) -> AgentAssistantMessage | AgentToolMessage | AgentUserMessage:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_agent_message_type_0 = AgentUserMessage.from_dict(
                        data
                    )

                    return componentsschemas_agent_message_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_agent_message_type_1 = (
                        AgentAssistantMessage.from_dict(data)
                    )

                    return componentsschemas_agent_message_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_agent_message_type_2 = AgentToolMessage.from_dict(
                    data
                )

                return componentsschemas_agent_message_type_2

            messages_item = _parse_messages_item(messages_item_data)

            messages.append(messages_item)

        agent_session_history = cls(
            name=name,
            id=id,
            session=session,
            messages=messages,
        )

        agent_session_history.additional_properties = d
        return agent_session_history

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

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.agent_list_entry_triggers import AgentListEntryTriggers


T = TypeVar("T", bound="AgentListEntry")


@_attrs_define
class AgentListEntry:
    """One served agent, as pyflue lists its agent routes.

    Attributes:
        name (str): The agent's name, the `{name}` of its routes.
        path (str): Its route, `/agents/{name}/:id`.
        triggers (AgentListEntryTriggers): How it can be invoked: `{"webhook": true, "websocket": true}`.
    """

    name: str
    path: str
    triggers: AgentListEntryTriggers
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        path = self.path

        triggers = self.triggers.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "path": path,
                "triggers": triggers,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.agent_list_entry_triggers import AgentListEntryTriggers

        d = dict(src_dict)
        name = d.pop("name")

        path = d.pop("path")

        triggers = AgentListEntryTriggers.from_dict(d.pop("triggers"))

        agent_list_entry = cls(
            name=name,
            path=path,
            triggers=triggers,
        )

        agent_list_entry.additional_properties = d
        return agent_list_entry

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

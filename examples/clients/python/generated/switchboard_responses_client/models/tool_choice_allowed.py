from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.tool_choice_allowed_mode import ToolChoiceAllowedMode
from ..models.tool_choice_allowed_type import ToolChoiceAllowedType

if TYPE_CHECKING:
    from ..models.allowed_tool import AllowedTool


T = TypeVar("T", bound="ToolChoiceAllowed")


@_attrs_define
class ToolChoiceAllowed:
    """Restricts the agent to the listed tools of `tools` for this response (`auto`: it may call them,
    `required`: it must call one of them). Tools of the agent's own are outside the restriction.

        Attributes:
            type_ (ToolChoiceAllowedType):
            mode (ToolChoiceAllowedMode):
            tools (list[AllowedTool]):
    """

    type_: ToolChoiceAllowedType
    mode: ToolChoiceAllowedMode
    tools: list[AllowedTool]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        mode = self.mode.value

        tools = []
        for tools_item_data in self.tools:
            tools_item = tools_item_data.to_dict()
            tools.append(tools_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "mode": mode,
                "tools": tools,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.allowed_tool import AllowedTool

        d = dict(src_dict)
        type_ = ToolChoiceAllowedType(d.pop("type"))

        mode = ToolChoiceAllowedMode(d.pop("mode"))

        tools = []
        _tools = d.pop("tools")
        for tools_item_data in _tools:
            tools_item = AllowedTool.from_dict(tools_item_data)

            tools.append(tools_item)

        tool_choice_allowed = cls(
            type_=type_,
            mode=mode,
            tools=tools,
        )

        tool_choice_allowed.additional_properties = d
        return tool_choice_allowed

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

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.compacted_response_object import CompactedResponseObject

if TYPE_CHECKING:
    from ..models.compaction_item import CompactionItem
    from ..models.function_call_output_resource import FunctionCallOutputResource
    from ..models.function_tool_call import FunctionToolCall
    from ..models.message_resource import MessageResource
    from ..models.reasoning_item import ReasoningItem
    from ..models.response_usage import ResponseUsage


T = TypeVar("T", bound="CompactedResponse")


@_attrs_define
class CompactedResponse:
    """The compacted history: the user's messages kept as they were, then one `compaction` item carrying
    the summary of everything else. Send `output` as the `input` of the next create.

        Attributes:
            id (str): Starts with `resp_`.
            object_ (CompactedResponseObject):
            created_at (int):
            output (list[CompactionItem | FunctionCallOutputResource | FunctionToolCall | MessageResource | ReasoningItem]):
            usage (ResponseUsage): Token counts of the whole response (all model turns).
    """

    id: str
    object_: CompactedResponseObject
    created_at: int
    output: list[
        CompactionItem
        | FunctionCallOutputResource
        | FunctionToolCall
        | MessageResource
        | ReasoningItem
    ]
    usage: ResponseUsage
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.function_call_output_resource import FunctionCallOutputResource
        from ..models.function_tool_call import FunctionToolCall
        from ..models.message_resource import MessageResource
        from ..models.reasoning_item import ReasoningItem

        id = self.id

        object_ = self.object_.value

        created_at = self.created_at

        output = []
        for output_item_data in self.output:
            output_item: dict[str, Any]
            if (
                isinstance(output_item_data, MessageResource)
                or isinstance(output_item_data, FunctionToolCall)
                or isinstance(output_item_data, FunctionCallOutputResource)
                or isinstance(output_item_data, ReasoningItem)
            ):
                output_item = output_item_data.to_dict()
            else:
                output_item = output_item_data.to_dict()

            output.append(output_item)

        usage = self.usage.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "object": object_,
                "created_at": created_at,
                "output": output,
                "usage": usage,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.compaction_item import CompactionItem
        from ..models.function_call_output_resource import FunctionCallOutputResource
        from ..models.function_tool_call import FunctionToolCall
        from ..models.message_resource import MessageResource
        from ..models.reasoning_item import ReasoningItem
        from ..models.response_usage import ResponseUsage

        d = dict(src_dict)
        id = d.pop("id")

        object_ = CompactedResponseObject(d.pop("object"))

        created_at = d.pop("created_at")

        output = []
        _output = d.pop("output")
        for output_item_data in _output:

            def _parse_output_item(
                data: object,
            ) -> (
                CompactionItem
                | FunctionCallOutputResource
                | FunctionToolCall
                | MessageResource
                | ReasoningItem
            ):
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_item_resource_type_0 = MessageResource.from_dict(
                        data
                    )

                    return componentsschemas_item_resource_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_item_resource_type_1 = FunctionToolCall.from_dict(
                        data
                    )

                    return componentsschemas_item_resource_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_item_resource_type_2 = (
                        FunctionCallOutputResource.from_dict(data)
                    )

                    return componentsschemas_item_resource_type_2
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_item_resource_type_3 = ReasoningItem.from_dict(
                        data
                    )

                    return componentsschemas_item_resource_type_3
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_item_resource_type_4 = CompactionItem.from_dict(data)

                return componentsschemas_item_resource_type_4

            output_item = _parse_output_item(output_item_data)

            output.append(output_item)

        usage = ResponseUsage.from_dict(d.pop("usage"))

        compacted_response = cls(
            id=id,
            object_=object_,
            created_at=created_at,
            output=output,
            usage=usage,
        )

        compacted_response.additional_properties = d
        return compacted_response

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

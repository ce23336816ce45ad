from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.response_item_list_object import ResponseItemListObject

if TYPE_CHECKING:
    from ..models.compaction_item import CompactionItem
    from ..models.function_call_output_resource import FunctionCallOutputResource
    from ..models.function_tool_call import FunctionToolCall
    from ..models.message_resource import MessageResource
    from ..models.reasoning_item import ReasoningItem


T = TypeVar("T", bound="ResponseItemList")


@_attrs_define
class ResponseItemList:
    """A page of `input_items`.

    Attributes:
        object_ (ResponseItemListObject):
        data (list[CompactionItem | FunctionCallOutputResource | FunctionToolCall | MessageResource | ReasoningItem]):
        first_id (None | str):
        last_id (None | str):
        has_more (bool):
    """

    object_: ResponseItemListObject
    data: list[
        CompactionItem
        | FunctionCallOutputResource
        | FunctionToolCall
        | MessageResource
        | ReasoningItem
    ]
    first_id: None | str
    last_id: None | str
    has_more: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.function_call_output_resource import FunctionCallOutputResource
        from ..models.function_tool_call import FunctionToolCall
        from ..models.message_resource import MessageResource
        from ..models.reasoning_item import ReasoningItem

        object_ = self.object_.value

        data = []
        for data_item_data in self.data:
            data_item: dict[str, Any]
            if (
                isinstance(data_item_data, MessageResource)
                or isinstance(data_item_data, FunctionToolCall)
                or isinstance(data_item_data, FunctionCallOutputResource)
                or isinstance(data_item_data, ReasoningItem)
            ):
                data_item = data_item_data.to_dict()
            else:
                data_item = data_item_data.to_dict()

            data.append(data_item)

        first_id: None | str
        first_id = self.first_id

        last_id: None | str
        last_id = self.last_id

        has_more = self.has_more

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "object": object_,
                "data": data,
                "first_id": first_id,
                "last_id": last_id,
                "has_more": has_more,
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

        d = dict(src_dict)
        object_ = ResponseItemListObject(d.pop("object"))

        data = []
        _data = d.pop("data")
        for data_item_data in _data:

            def _parse_data_item(
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

            data_item = _parse_data_item(data_item_data)

            data.append(data_item)

        def _parse_first_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        first_id = _parse_first_id(d.pop("first_id"))

        def _parse_last_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_id = _parse_last_id(d.pop("last_id"))

        has_more = d.pop("has_more")

        response_item_list = cls(
            object_=object_,
            data=data,
            first_id=first_id,
            last_id=last_id,
            has_more=has_more,
        )

        response_item_list.additional_properties = d
        return response_item_list

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

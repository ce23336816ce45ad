from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.text_verbosity import TextVerbosity
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.text_format_json_object import TextFormatJsonObject
    from ..models.text_format_json_schema import TextFormatJsonSchema
    from ..models.text_format_text import TextFormatText


T = TypeVar("T", bound="ResponseTextConfig")


@_attrs_define
class ResponseTextConfig:
    """
    Attributes:
        format_ (TextFormatJsonObject | TextFormatJsonSchema | TextFormatText | Unset):
        verbosity (None | TextVerbosity | Unset):
    """

    format_: TextFormatJsonObject | TextFormatJsonSchema | TextFormatText | Unset = (
        UNSET
    )
    verbosity: None | TextVerbosity | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.text_format_json_schema import TextFormatJsonSchema
        from ..models.text_format_text import TextFormatText

        format_: dict[str, Any] | Unset
        if isinstance(self.format_, Unset):
            format_ = UNSET
        elif isinstance(self.format_, TextFormatText) or isinstance(
            self.format_, TextFormatJsonSchema
        ):
            format_ = self.format_.to_dict()
        else:
            format_ = self.format_.to_dict()

        verbosity: None | str | Unset
        if isinstance(self.verbosity, Unset):
            verbosity = UNSET
        elif isinstance(self.verbosity, TextVerbosity):
            verbosity = self.verbosity.value
        else:
            verbosity = self.verbosity

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if format_ is not UNSET:
            field_dict["format"] = format_
        if verbosity is not UNSET:
            field_dict["verbosity"] = verbosity

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.text_format_json_object import TextFormatJsonObject
        from ..models.text_format_json_schema import TextFormatJsonSchema
        from ..models.text_format_text import TextFormatText

        d = dict(src_dict)

        def _parse_format_(
            data: object,
        ) -> TextFormatJsonObject | TextFormatJsonSchema | TextFormatText | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_text_format_type_0 = TextFormatText.from_dict(data)

                return componentsschemas_text_format_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_text_format_type_1 = TextFormatJsonSchema.from_dict(
                    data
                )

                return componentsschemas_text_format_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_text_format_type_2 = TextFormatJsonObject.from_dict(data)

            return componentsschemas_text_format_type_2

        format_ = _parse_format_(d.pop("format", UNSET))

        def _parse_verbosity(data: object) -> None | TextVerbosity | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                verbosity_type_0 = TextVerbosity(data)

                return verbosity_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextVerbosity | Unset, data)

        verbosity = _parse_verbosity(d.pop("verbosity", UNSET))

        response_text_config = cls(
            format_=format_,
            verbosity=verbosity,
        )

        response_text_config.additional_properties = d
        return response_text_config

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

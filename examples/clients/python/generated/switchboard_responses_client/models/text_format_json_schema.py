from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.text_format_json_schema_type import TextFormatJsonSchemaType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.text_format_json_schema_schema import TextFormatJsonSchemaSchema


T = TypeVar("T", bound="TextFormatJsonSchema")


@_attrs_define
class TextFormatJsonSchema:
    """JSON output conforming to `schema`. The schema is passed to the model provider, and the final
    text is validated against it: a reply that is not JSON or does not conform fails the response
    (status `failed`, `error.code` `invalid_output`).

        Attributes:
            type_ (TextFormatJsonSchemaType):
            name (str): The schema's name (letters, digits, `_` and `-`, up to 64 characters).
            schema (TextFormatJsonSchemaSchema): A JSON Schema of the output.
            description (None | str | Unset):
            strict (bool | None | Unset): Ask the model provider for strict schema adherence (default `false`, OpenAI's
                default).
    """

    type_: TextFormatJsonSchemaType
    name: str
    schema: TextFormatJsonSchemaSchema
    description: None | str | Unset = UNSET
    strict: bool | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        name = self.name

        schema = self.schema.to_dict()

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        strict: bool | None | Unset
        if isinstance(self.strict, Unset):
            strict = UNSET
        else:
            strict = self.strict

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "name": name,
                "schema": schema,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if strict is not UNSET:
            field_dict["strict"] = strict

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.text_format_json_schema_schema import TextFormatJsonSchemaSchema

        d = dict(src_dict)
        type_ = TextFormatJsonSchemaType(d.pop("type"))

        name = d.pop("name")

        schema = TextFormatJsonSchemaSchema.from_dict(d.pop("schema"))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_strict(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        strict = _parse_strict(d.pop("strict", UNSET))

        text_format_json_schema = cls(
            type_=type_,
            name=name,
            schema=schema,
            description=description,
            strict=strict,
        )

        text_format_json_schema.additional_properties = d
        return text_format_json_schema

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

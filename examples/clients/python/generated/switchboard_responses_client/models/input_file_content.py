from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.input_file_content_type import InputFileContentType
from ..types import UNSET, Unset

T = TypeVar("T", bound="InputFileContent")


@_attrs_define
class InputFileContent:
    """A file given as input, as `file_data` (a base64 `data:` URL or plain base64) or `file_url`, with
    an optional `filename`. The file is passed to the agent's model. `file_id` → 400 (no Files API).

        Attributes:
            type_ (InputFileContentType):
            file_data (None | str | Unset):
            file_url (None | str | Unset):
            filename (None | str | Unset):
            file_id (None | str | Unset):
    """

    type_: InputFileContentType
    file_data: None | str | Unset = UNSET
    file_url: None | str | Unset = UNSET
    filename: None | str | Unset = UNSET
    file_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        file_data: None | str | Unset
        if isinstance(self.file_data, Unset):
            file_data = UNSET
        else:
            file_data = self.file_data

        file_url: None | str | Unset
        if isinstance(self.file_url, Unset):
            file_url = UNSET
        else:
            file_url = self.file_url

        filename: None | str | Unset
        if isinstance(self.filename, Unset):
            filename = UNSET
        else:
            filename = self.filename

        file_id: None | str | Unset
        if isinstance(self.file_id, Unset):
            file_id = UNSET
        else:
            file_id = self.file_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if file_data is not UNSET:
            field_dict["file_data"] = file_data
        if file_url is not UNSET:
            field_dict["file_url"] = file_url
        if filename is not UNSET:
            field_dict["filename"] = filename
        if file_id is not UNSET:
            field_dict["file_id"] = file_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = InputFileContentType(d.pop("type"))

        def _parse_file_data(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        file_data = _parse_file_data(d.pop("file_data", UNSET))

        def _parse_file_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        file_url = _parse_file_url(d.pop("file_url", UNSET))

        def _parse_filename(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        filename = _parse_filename(d.pop("filename", UNSET))

        def _parse_file_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        file_id = _parse_file_id(d.pop("file_id", UNSET))

        input_file_content = cls(
            type_=type_,
            file_data=file_data,
            file_url=file_url,
            filename=filename,
            file_id=file_id,
        )

        input_file_content.additional_properties = d
        return input_file_content

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

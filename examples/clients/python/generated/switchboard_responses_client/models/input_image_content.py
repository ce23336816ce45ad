from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.image_detail import ImageDetail
from ..models.input_image_content_type import InputImageContentType
from ..types import UNSET, Unset

T = TypeVar("T", bound="InputImageContent")


@_attrs_define
class InputImageContent:
    """An image given as input: `image_url` is an `https:` URL or a `data:image/…;base64,` URL. The image
    is passed to the agent's model; a model that takes no images sees a placeholder naming it.
    `file_id` needs OpenAI's Files API, which Switchboard does not serve → 400.

        Attributes:
            type_ (InputImageContentType):
            image_url (None | str | Unset):
            file_id (None | str | Unset):
            detail (ImageDetail | None | Unset):
    """

    type_: InputImageContentType
    image_url: None | str | Unset = UNSET
    file_id: None | str | Unset = UNSET
    detail: ImageDetail | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        image_url: None | str | Unset
        if isinstance(self.image_url, Unset):
            image_url = UNSET
        else:
            image_url = self.image_url

        file_id: None | str | Unset
        if isinstance(self.file_id, Unset):
            file_id = UNSET
        else:
            file_id = self.file_id

        detail: None | str | Unset
        if isinstance(self.detail, Unset):
            detail = UNSET
        elif isinstance(self.detail, ImageDetail):
            detail = self.detail.value
        else:
            detail = self.detail

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if image_url is not UNSET:
            field_dict["image_url"] = image_url
        if file_id is not UNSET:
            field_dict["file_id"] = file_id
        if detail is not UNSET:
            field_dict["detail"] = detail

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = InputImageContentType(d.pop("type"))

        def _parse_image_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        image_url = _parse_image_url(d.pop("image_url", UNSET))

        def _parse_file_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        file_id = _parse_file_id(d.pop("file_id", UNSET))

        def _parse_detail(data: object) -> ImageDetail | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                detail_type_0 = ImageDetail(data)

                return detail_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ImageDetail | None | Unset, data)

        detail = _parse_detail(d.pop("detail", UNSET))

        input_image_content = cls(
            type_=type_,
            image_url=image_url,
            file_id=file_id,
            detail=detail,
        )

        input_image_content.additional_properties = d
        return input_image_content

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

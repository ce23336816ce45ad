from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.create_response_prompt_cache_retention_type_0 import (
    CreateResponsePromptCacheRetentionType0,
)
from ..models.service_tier import ServiceTier
from ..models.tool_choice_mode import ToolChoiceMode
from ..models.truncation import Truncation
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.compaction_input import CompactionInput
    from ..models.conversation_ref import ConversationRef
    from ..models.create_response_access_programs import CreateResponseAccessPrograms
    from ..models.create_response_background_options import (
        CreateResponseBackgroundOptions,
    )
    from ..models.create_response_context_management_type_0_item import (
        CreateResponseContextManagementType0Item,
    )
    from ..models.create_response_image import CreateResponseImage
    from ..models.create_response_moderation_type_0 import CreateResponseModerationType0
    from ..models.create_response_prompt_cache_options_type_0 import (
        CreateResponsePromptCacheOptionsType0,
    )
    from ..models.create_response_prompt_type_0 import CreateResponsePromptType0
    from ..models.function_call_input import FunctionCallInput
    from ..models.function_call_output_input import FunctionCallOutputInput
    from ..models.function_tool import FunctionTool
    from ..models.input_message import InputMessage
    from ..models.item_reference_input import ItemReferenceInput
    from ..models.metadata import Metadata
    from ..models.reasoning import Reasoning
    from ..models.reasoning_input import ReasoningInput
    from ..models.response_text_config import ResponseTextConfig
    from ..models.stream_options import StreamOptions
    from ..models.tool_choice_allowed import ToolChoiceAllowed
    from ..models.tool_choice_function import ToolChoiceFunction


T = TypeVar("T", bound="CreateResponse")


@_attrs_define
class CreateResponse:
    """Body of `POST /v1/responses`. Every parameter the official SDKs type for a create is here
    (Switchboard's parameter policy): a default or `null` value is always accepted; a parameter
    Switchboard can honour is honoured, by the runtime or by the agent's model provider; only a
    non-default value the chosen agent cannot honour is a 400 whose `param` names it. A field OpenAI
    does not define is a 400 `unknown_parameter`.

        Attributes:
            model (str): The name of a served agent (see `GET /v1/models`). Unknown names → 404 `model_not_found`.
            input_ (list[CompactionInput | FunctionCallInput | FunctionCallOutputInput | InputMessage | ItemReferenceInput |
                ReasoningInput] | str | Unset): A user message as a string, or a list of input items. The agent sees the history
                `previous.input + previous.output + input` when `previous_response_id` is given, and the
                conversation's items before `input` when `conversation` is given.
            instructions (None | str | Unset): Extra system instructions for this response only; they are not carried to the
                next response of a chain.
            previous_response_id (None | str | Unset): Continue from a stored response: the inputs and outputs of its chain
                become the history of this
                one. Unknown (or created with `store: false`) → 404; still `queued` or `in_progress` → 409
                `response_in_progress`. A response deleted from the middle of a chain ends the history there.
                Cannot be combined with `conversation`.
            conversation (ConversationRef | None | str | Unset): The conversation this response belongs to (an id or
                `{id}`): its items come before `input`, and
                the input and output items are appended to it when the response completes. Unknown → 404.
            store (bool | None | Unset): Store the response (default `true`) so that it can be retrieved, listed, continued
                and replayed.
            stream (bool | None | Unset): Stream the response as server-sent events instead of returning it when complete.
            stream_options (None | StreamOptions | Unset): Options of a streamed response. Switchboard never adds
                obfuscation padding, so `include_obfuscation` changes nothing on the wire.
            background (bool | None | Unset): Run in the background: the request returns at once with status `queued` (JSON)
                or streams
                as usual (`stream: true`); poll with `GET`, cancel with `POST …/cancel`. Requires `store` ≠ false.
            background_options (CreateResponseBackgroundOptions | Unset): OpenAI's scheduling options of background work:
                only `{}` is accepted.
            metadata (Metadata | None | Unset):
            temperature (float | None | Unset): Sampling temperature, passed to the model provider (a scripted model is
                deterministic at every temperature).
            top_p (float | None | Unset): Nucleus sampling, passed to the model provider.
            presence_penalty (float | None | Unset): Presence penalty (Open Responses), passed to the model provider.
            frequency_penalty (float | None | Unset): Frequency penalty (Open Responses), passed to the model provider.
            top_logprobs (int | None | Unset): How many most likely tokens to report per position (0–20); a value above 0
                needs a model provider that reports log-probabilities.
            max_output_tokens (int | None | Unset): Upper bound on generated tokens; when reached the response ends with
                status `incomplete`.
            max_tool_calls (int | None | Unset): Upper bound on the calls of tools (the agent's own and the client's) in
                this response; once reached, the agent answers without tools.
            tools (list[FunctionTool] | Unset): Client function tools the agent may call (in addition to its own server-side
                tools). A name
                the agent already uses for a tool of its own → 400 naming `tools[i].name`.
            tool_choice (ToolChoiceAllowed | ToolChoiceFunction | ToolChoiceMode | Unset):
            parallel_tool_calls (bool | None | Unset): Whether the agent may call several tools in one turn (default
                `true`).
            text (ResponseTextConfig | Unset):
            reasoning (None | Reasoning | Unset): Reasoning settings, passed to the model provider; a non-default value on
                an agent whose model takes none → 400.
            truncation (None | Truncation | Unset): `auto` drops the oldest history items that do not fit the agent's
                context budget; `disabled` (default) sends everything.
            include (list[str] | None | Unset): Extra output to include. `message.input_image.image_url`,
                `reasoning.encrypted_content` and the
                hosted tools' values are always accepted; `message.output_text.logprobs` needs a model provider
                that reports log-probabilities (else 400 naming `include[i]`).
            service_tier (None | ServiceTier | Unset): OpenAI's processing tier: `auto` and `default` are always accepted;
                other tiers are passed to model providers that take them.
            prompt_cache_key (None | str | Unset): A cache hint, passed to model providers that take it and echoed.
            prompt_cache_retention (CreateResponsePromptCacheRetentionType0 | None | Unset): A cache hint, passed to model
                providers that take it and echoed.
            prompt_cache_options (CreateResponsePromptCacheOptionsType0 | None | Unset): OpenAI's prompt cache options: a
                hint, accepted and passed to model providers that take it.
            safety_identifier (None | str | Unset): A stable end-user id for abuse monitoring, passed to model providers
                that take it and echoed.
            user (str | Unset): An end-user identifier, stored and echoed (OpenAI deprecates it for `safety_identifier` and
                `prompt_cache_key`).
            prompt (CreateResponsePromptType0 | None | Unset): A stored prompt template of OpenAI's: Switchboard stores
                none, so only `null` is accepted.
            context_management (list[CreateResponseContextManagementType0Item] | None | Unset): OpenAI's server-side context
                management: only `null` or `[]` is accepted (use `truncation` or `/v1/responses/compact`).
            moderation (CreateResponseModerationType0 | None | Unset): OpenAI's hosted moderation: only `null` is accepted.
            access_programs (CreateResponseAccessPrograms | Unset): OpenAI's access programs: only `{}` is accepted.
            image (CreateResponseImage | Unset): OpenAI's image input options: only `{}` is accepted.
    """

    model: str
    input_: (
        list[
            CompactionInput
            | FunctionCallInput
            | FunctionCallOutputInput
            | InputMessage
            | ItemReferenceInput
            | ReasoningInput
        ]
        | str
        | Unset
    ) = UNSET
    instructions: None | str | Unset = UNSET
    previous_response_id: None | str | Unset = UNSET
    conversation: ConversationRef | None | str | Unset = UNSET
    store: bool | None | Unset = UNSET
    stream: bool | None | Unset = UNSET
    stream_options: None | StreamOptions | Unset = UNSET
    background: bool | None | Unset = UNSET
    background_options: CreateResponseBackgroundOptions | Unset = UNSET
    metadata: Metadata | None | Unset = UNSET
    temperature: float | None | Unset = UNSET
    top_p: float | None | Unset = UNSET
    presence_penalty: float | None | Unset = UNSET
    frequency_penalty: float | None | Unset = UNSET
    top_logprobs: int | None | Unset = UNSET
    max_output_tokens: int | None | Unset = UNSET
    max_tool_calls: int | None | Unset = UNSET
    tools: list[FunctionTool] | Unset = UNSET
    tool_choice: ToolChoiceAllowed | ToolChoiceFunction | ToolChoiceMode | Unset = UNSET
    parallel_tool_calls: bool | None | Unset = UNSET
    text: ResponseTextConfig | Unset = UNSET
    reasoning: None | Reasoning | Unset = UNSET
    truncation: None | Truncation | Unset = UNSET
    include: list[str] | None | Unset = UNSET
    service_tier: None | ServiceTier | Unset = UNSET
    prompt_cache_key: None | str | Unset = UNSET
    prompt_cache_retention: CreateResponsePromptCacheRetentionType0 | None | Unset = (
        UNSET
    )
    prompt_cache_options: CreateResponsePromptCacheOptionsType0 | None | Unset = UNSET
    safety_identifier: None | str | Unset = UNSET
    user: str | Unset = UNSET
    prompt: CreateResponsePromptType0 | None | Unset = UNSET
    context_management: (
        list[CreateResponseContextManagementType0Item] | None | Unset
    ) = UNSET
    moderation: CreateResponseModerationType0 | None | Unset = UNSET
    access_programs: CreateResponseAccessPrograms | Unset = UNSET
    image: CreateResponseImage | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.conversation_ref import ConversationRef
        from ..models.create_response_moderation_type_0 import (
            CreateResponseModerationType0,
        )
        from ..models.create_response_prompt_cache_options_type_0 import (
            CreateResponsePromptCacheOptionsType0,
        )
        from ..models.create_response_prompt_type_0 import CreateResponsePromptType0
        from ..models.function_call_input import FunctionCallInput
        from ..models.function_call_output_input import FunctionCallOutputInput
        from ..models.input_message import InputMessage
        from ..models.item_reference_input import ItemReferenceInput
        from ..models.metadata import Metadata
        from ..models.reasoning import Reasoning
        from ..models.reasoning_input import ReasoningInput
        from ..models.stream_options import StreamOptions
        from ..models.tool_choice_function import ToolChoiceFunction

        model = self.model

        input_: list[dict[str, Any]] | str | Unset
        if isinstance(self.input_, Unset):
            input_ = UNSET
        elif isinstance(self.input_, list):
            input_ = []
            for input_type_1_item_data in self.input_:
                input_type_1_item: dict[str, Any]
                if (
                    isinstance(input_type_1_item_data, InputMessage)
                    or isinstance(input_type_1_item_data, FunctionCallInput)
                    or isinstance(input_type_1_item_data, FunctionCallOutputInput)
                    or isinstance(input_type_1_item_data, ItemReferenceInput)
                    or isinstance(input_type_1_item_data, ReasoningInput)
                ):
                    input_type_1_item = input_type_1_item_data.to_dict()
                else:
                    input_type_1_item = input_type_1_item_data.to_dict()

                input_.append(input_type_1_item)

        else:
            input_ = self.input_

        instructions: None | str | Unset
        if isinstance(self.instructions, Unset):
            instructions = UNSET
        else:
            instructions = self.instructions

        previous_response_id: None | str | Unset
        if isinstance(self.previous_response_id, Unset):
            previous_response_id = UNSET
        else:
            previous_response_id = self.previous_response_id

        conversation: dict[str, Any] | None | str | Unset
        if isinstance(self.conversation, Unset):
            conversation = UNSET
        elif isinstance(self.conversation, ConversationRef):
            conversation = self.conversation.to_dict()
        else:
            conversation = self.conversation

        store: bool | None | Unset
        if isinstance(self.store, Unset):
            store = UNSET
        else:
            store = self.store

        stream: bool | None | Unset
        if isinstance(self.stream, Unset):
            stream = UNSET
        else:
            stream = self.stream

        stream_options: dict[str, Any] | None | Unset
        if isinstance(self.stream_options, Unset):
            stream_options = UNSET
        elif isinstance(self.stream_options, StreamOptions):
            stream_options = self.stream_options.to_dict()
        else:
            stream_options = self.stream_options

        background: bool | None | Unset
        if isinstance(self.background, Unset):
            background = UNSET
        else:
            background = self.background

        background_options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.background_options, Unset):
            background_options = self.background_options.to_dict()

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, Metadata):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        temperature: float | None | Unset
        if isinstance(self.temperature, Unset):
            temperature = UNSET
        else:
            temperature = self.temperature

        top_p: float | None | Unset
        if isinstance(self.top_p, Unset):
            top_p = UNSET
        else:
            top_p = self.top_p

        presence_penalty: float | None | Unset
        if isinstance(self.presence_penalty, Unset):
            presence_penalty = UNSET
        else:
            presence_penalty = self.presence_penalty

        frequency_penalty: float | None | Unset
        if isinstance(self.frequency_penalty, Unset):
            frequency_penalty = UNSET
        else:
            frequency_penalty = self.frequency_penalty

        top_logprobs: int | None | Unset
        if isinstance(self.top_logprobs, Unset):
            top_logprobs = UNSET
        else:
            top_logprobs = self.top_logprobs

        max_output_tokens: int | None | Unset
        if isinstance(self.max_output_tokens, Unset):
            max_output_tokens = UNSET
        else:
            max_output_tokens = self.max_output_tokens

        max_tool_calls: int | None | Unset
        if isinstance(self.max_tool_calls, Unset):
            max_tool_calls = UNSET
        else:
            max_tool_calls = self.max_tool_calls

        tools: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tools, Unset):
            tools = []
            for tools_item_data in self.tools:
                tools_item = tools_item_data.to_dict()
                tools.append(tools_item)

        tool_choice: dict[str, Any] | str | Unset
        if isinstance(self.tool_choice, Unset):
            tool_choice = UNSET
        elif isinstance(self.tool_choice, ToolChoiceMode):
            tool_choice = self.tool_choice.value
        elif isinstance(self.tool_choice, ToolChoiceFunction):
            tool_choice = self.tool_choice.to_dict()
        else:
            tool_choice = self.tool_choice.to_dict()

        parallel_tool_calls: bool | None | Unset
        if isinstance(self.parallel_tool_calls, Unset):
            parallel_tool_calls = UNSET
        else:
            parallel_tool_calls = self.parallel_tool_calls

        text: dict[str, Any] | Unset = UNSET
        if not isinstance(self.text, Unset):
            text = self.text.to_dict()

        reasoning: dict[str, Any] | None | Unset
        if isinstance(self.reasoning, Unset):
            reasoning = UNSET
        elif isinstance(self.reasoning, Reasoning):
            reasoning = self.reasoning.to_dict()
        else:
            reasoning = self.reasoning

        truncation: None | str | Unset
        if isinstance(self.truncation, Unset):
            truncation = UNSET
        elif isinstance(self.truncation, Truncation):
            truncation = self.truncation.value
        else:
            truncation = self.truncation

        include: list[str] | None | Unset
        if isinstance(self.include, Unset):
            include = UNSET
        elif isinstance(self.include, list):
            include = self.include

        else:
            include = self.include

        service_tier: None | str | Unset
        if isinstance(self.service_tier, Unset):
            service_tier = UNSET
        elif isinstance(self.service_tier, ServiceTier):
            service_tier = self.service_tier.value
        else:
            service_tier = self.service_tier

        prompt_cache_key: None | str | Unset
        if isinstance(self.prompt_cache_key, Unset):
            prompt_cache_key = UNSET
        else:
            prompt_cache_key = self.prompt_cache_key

        prompt_cache_retention: None | str | Unset
        if isinstance(self.prompt_cache_retention, Unset):
            prompt_cache_retention = UNSET
        elif isinstance(
            self.prompt_cache_retention, CreateResponsePromptCacheRetentionType0
        ):
            prompt_cache_retention = self.prompt_cache_retention.value
        else:
            prompt_cache_retention = self.prompt_cache_retention

        prompt_cache_options: dict[str, Any] | None | Unset
        if isinstance(self.prompt_cache_options, Unset):
            prompt_cache_options = UNSET
        elif isinstance(
            self.prompt_cache_options, CreateResponsePromptCacheOptionsType0
        ):
            prompt_cache_options = self.prompt_cache_options.to_dict()
        else:
            prompt_cache_options = self.prompt_cache_options

        safety_identifier: None | str | Unset
        if isinstance(self.safety_identifier, Unset):
            safety_identifier = UNSET
        else:
            safety_identifier = self.safety_identifier

        user = self.user

        prompt: dict[str, Any] | None | Unset
        if isinstance(self.prompt, Unset):
            prompt = UNSET
        elif isinstance(self.prompt, CreateResponsePromptType0):
            prompt = self.prompt.to_dict()
        else:
            prompt = self.prompt

        context_management: list[dict[str, Any]] | None | Unset
        if isinstance(self.context_management, Unset):
            context_management = UNSET
        elif isinstance(self.context_management, list):
            context_management = []
            for context_management_type_0_item_data in self.context_management:
                context_management_type_0_item = (
                    context_management_type_0_item_data.to_dict()
                )
                context_management.append(context_management_type_0_item)

        else:
            context_management = self.context_management

        moderation: dict[str, Any] | None | Unset
        if isinstance(self.moderation, Unset):
            moderation = UNSET
        elif isinstance(self.moderation, CreateResponseModerationType0):
            moderation = self.moderation.to_dict()
        else:
            moderation = self.moderation

        access_programs: dict[str, Any] | Unset = UNSET
        if not isinstance(self.access_programs, Unset):
            access_programs = self.access_programs.to_dict()

        image: dict[str, Any] | Unset = UNSET
        if not isinstance(self.image, Unset):
            image = self.image.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model": model,
            }
        )
        if input_ is not UNSET:
            field_dict["input"] = input_
        if instructions is not UNSET:
            field_dict["instructions"] = instructions
        if previous_response_id is not UNSET:
            field_dict["previous_response_id"] = previous_response_id
        if conversation is not UNSET:
            field_dict["conversation"] = conversation
        if store is not UNSET:
            field_dict["store"] = store
        if stream is not UNSET:
            field_dict["stream"] = stream
        if stream_options is not UNSET:
            field_dict["stream_options"] = stream_options
        if background is not UNSET:
            field_dict["background"] = background
        if background_options is not UNSET:
            field_dict["background_options"] = background_options
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if temperature is not UNSET:
            field_dict["temperature"] = temperature
        if top_p is not UNSET:
            field_dict["top_p"] = top_p
        if presence_penalty is not UNSET:
            field_dict["presence_penalty"] = presence_penalty
        if frequency_penalty is not UNSET:
            field_dict["frequency_penalty"] = frequency_penalty
        if top_logprobs is not UNSET:
            field_dict["top_logprobs"] = top_logprobs
        if max_output_tokens is not UNSET:
            field_dict["max_output_tokens"] = max_output_tokens
        if max_tool_calls is not UNSET:
            field_dict["max_tool_calls"] = max_tool_calls
        if tools is not UNSET:
            field_dict["tools"] = tools
        if tool_choice is not UNSET:
            field_dict["tool_choice"] = tool_choice
        if parallel_tool_calls is not UNSET:
            field_dict["parallel_tool_calls"] = parallel_tool_calls
        if text is not UNSET:
            field_dict["text"] = text
        if reasoning is not UNSET:
            field_dict["reasoning"] = reasoning
        if truncation is not UNSET:
            field_dict["truncation"] = truncation
        if include is not UNSET:
            field_dict["include"] = include
        if service_tier is not UNSET:
            field_dict["service_tier"] = service_tier
        if prompt_cache_key is not UNSET:
            field_dict["prompt_cache_key"] = prompt_cache_key
        if prompt_cache_retention is not UNSET:
            field_dict["prompt_cache_retention"] = prompt_cache_retention
        if prompt_cache_options is not UNSET:
            field_dict["prompt_cache_options"] = prompt_cache_options
        if safety_identifier is not UNSET:
            field_dict["safety_identifier"] = safety_identifier
        if user is not UNSET:
            field_dict["user"] = user
        if prompt is not UNSET:
            field_dict["prompt"] = prompt
        if context_management is not UNSET:
            field_dict["context_management"] = context_management
        if moderation is not UNSET:
            field_dict["moderation"] = moderation
        if access_programs is not UNSET:
            field_dict["access_programs"] = access_programs
        if image is not UNSET:
            field_dict["image"] = image

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.compaction_input import CompactionInput
        from ..models.conversation_ref import ConversationRef
        from ..models.create_response_access_programs import (
            CreateResponseAccessPrograms,
        )
        from ..models.create_response_background_options import (
            CreateResponseBackgroundOptions,
        )
        from ..models.create_response_context_management_type_0_item import (
            CreateResponseContextManagementType0Item,
        )
        from ..models.create_response_image import CreateResponseImage
        from ..models.create_response_moderation_type_0 import (
            CreateResponseModerationType0,
        )
        from ..models.create_response_prompt_cache_options_type_0 import (
            CreateResponsePromptCacheOptionsType0,
        )
        from ..models.create_response_prompt_type_0 import CreateResponsePromptType0
        from ..models.function_call_input import FunctionCallInput
        from ..models.function_call_output_input import FunctionCallOutputInput
        from ..models.function_tool import FunctionTool
        from ..models.input_message import InputMessage
        from ..models.item_reference_input import ItemReferenceInput
        from ..models.metadata import Metadata
        from ..models.reasoning import Reasoning
        from ..models.reasoning_input import ReasoningInput
        from ..models.response_text_config import ResponseTextConfig
        from ..models.stream_options import StreamOptions
        from ..models.tool_choice_allowed import ToolChoiceAllowed
        from ..models.tool_choice_function import ToolChoiceFunction

        d = dict(src_dict)
        model = d.pop("model")

        def _parse_input_(
            data: object,
        ) -> (
            list[
                CompactionInput
                | FunctionCallInput
                | FunctionCallOutputInput
                | InputMessage
                | ItemReferenceInput
                | ReasoningInput
            ]
            | str
            | Unset
        ):
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                input_type_1 = []
                _input_type_1 = data
                for input_type_1_item_data in _input_type_1:

                    def _parse_input_type_1_item(
                        data: object,
                    ) -> (
                        CompactionInput
                        | FunctionCallInput
                        | FunctionCallOutputInput
                        | InputMessage
                        | ItemReferenceInput
                        | ReasoningInput
                    ):
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            componentsschemas_input_item_type_0 = (
                                InputMessage.from_dict(data)
                            )

                            return componentsschemas_input_item_type_0
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            componentsschemas_input_item_type_1 = (
                                FunctionCallInput.from_dict(data)
                            )

                            return componentsschemas_input_item_type_1
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            componentsschemas_input_item_type_2 = (
                                FunctionCallOutputInput.from_dict(data)
                            )

                            return componentsschemas_input_item_type_2
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            componentsschemas_input_item_type_3 = (
                                ItemReferenceInput.from_dict(data)
                            )

                            return componentsschemas_input_item_type_3
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            componentsschemas_input_item_type_4 = (
                                ReasoningInput.from_dict(data)
                            )

                            return componentsschemas_input_item_type_4
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_input_item_type_5 = CompactionInput.from_dict(
                            data
                        )

                        return componentsschemas_input_item_type_5

                    input_type_1_item = _parse_input_type_1_item(input_type_1_item_data)

                    input_type_1.append(input_type_1_item)

                return input_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                list[
                    CompactionInput
                    | FunctionCallInput
                    | FunctionCallOutputInput
                    | InputMessage
                    | ItemReferenceInput
                    | ReasoningInput
                ]
                | str
                | Unset,
                data,
            )

        input_ = _parse_input_(d.pop("input", UNSET))

        def _parse_instructions(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        instructions = _parse_instructions(d.pop("instructions", UNSET))

        def _parse_previous_response_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        previous_response_id = _parse_previous_response_id(
            d.pop("previous_response_id", UNSET)
        )

        def _parse_conversation(data: object) -> ConversationRef | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                conversation_type_1 = ConversationRef.from_dict(data)

                return conversation_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ConversationRef | None | str | Unset, data)

        conversation = _parse_conversation(d.pop("conversation", UNSET))

        def _parse_store(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        store = _parse_store(d.pop("store", UNSET))

        def _parse_stream(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        stream = _parse_stream(d.pop("stream", UNSET))

        def _parse_stream_options(data: object) -> None | StreamOptions | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                stream_options_type_0 = StreamOptions.from_dict(data)

                return stream_options_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | StreamOptions | Unset, data)

        stream_options = _parse_stream_options(d.pop("stream_options", UNSET))

        def _parse_background(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        background = _parse_background(d.pop("background", UNSET))

        _background_options = d.pop("background_options", UNSET)
        background_options: CreateResponseBackgroundOptions | Unset
        if isinstance(_background_options, Unset):
            background_options = UNSET
        else:
            background_options = CreateResponseBackgroundOptions.from_dict(
                _background_options
            )

        def _parse_metadata(data: object) -> Metadata | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = Metadata.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Metadata | None | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        def _parse_temperature(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        temperature = _parse_temperature(d.pop("temperature", UNSET))

        def _parse_top_p(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        top_p = _parse_top_p(d.pop("top_p", UNSET))

        def _parse_presence_penalty(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        presence_penalty = _parse_presence_penalty(d.pop("presence_penalty", UNSET))

        def _parse_frequency_penalty(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        frequency_penalty = _parse_frequency_penalty(d.pop("frequency_penalty", UNSET))

        def _parse_top_logprobs(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        top_logprobs = _parse_top_logprobs(d.pop("top_logprobs", UNSET))

        def _parse_max_output_tokens(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_output_tokens = _parse_max_output_tokens(d.pop("max_output_tokens", UNSET))

        def _parse_max_tool_calls(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_tool_calls = _parse_max_tool_calls(d.pop("max_tool_calls", UNSET))

        _tools = d.pop("tools", UNSET)
        tools: list[FunctionTool] | Unset = UNSET
        if _tools is not UNSET:
            tools = []
            for tools_item_data in _tools:
                tools_item = FunctionTool.from_dict(tools_item_data)

                tools.append(tools_item)

        def _parse_tool_choice(
            data: object,
        ) -> ToolChoiceAllowed | ToolChoiceFunction | ToolChoiceMode | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_tool_choice_type_0 = ToolChoiceMode(data)

                return componentsschemas_tool_choice_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_tool_choice_type_1 = ToolChoiceFunction.from_dict(
                    data
                )

                return componentsschemas_tool_choice_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_tool_choice_type_2 = ToolChoiceAllowed.from_dict(data)

            return componentsschemas_tool_choice_type_2

        tool_choice = _parse_tool_choice(d.pop("tool_choice", UNSET))

        def _parse_parallel_tool_calls(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        parallel_tool_calls = _parse_parallel_tool_calls(
            d.pop("parallel_tool_calls", UNSET)
        )

        _text = d.pop("text", UNSET)
        text: ResponseTextConfig | Unset
        if isinstance(_text, Unset):
            text = UNSET
        else:
            text = ResponseTextConfig.from_dict(_text)

        def _parse_reasoning(data: object) -> None | Reasoning | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                reasoning_type_0 = Reasoning.from_dict(data)

                return reasoning_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Reasoning | Unset, data)

        reasoning = _parse_reasoning(d.pop("reasoning", UNSET))

        def _parse_truncation(data: object) -> None | Truncation | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                truncation_type_0 = Truncation(data)

                return truncation_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Truncation | Unset, data)

        truncation = _parse_truncation(d.pop("truncation", UNSET))

        def _parse_include(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                include_type_0 = cast(list[str], data)

                return include_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        include = _parse_include(d.pop("include", UNSET))

        def _parse_service_tier(data: object) -> None | ServiceTier | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                service_tier_type_0 = ServiceTier(data)

                return service_tier_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ServiceTier | Unset, data)

        service_tier = _parse_service_tier(d.pop("service_tier", UNSET))

        def _parse_prompt_cache_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        prompt_cache_key = _parse_prompt_cache_key(d.pop("prompt_cache_key", UNSET))

        def _parse_prompt_cache_retention(
            data: object,
        ) -> CreateResponsePromptCacheRetentionType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                prompt_cache_retention_type_0 = CreateResponsePromptCacheRetentionType0(
                    data
                )

                return prompt_cache_retention_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CreateResponsePromptCacheRetentionType0 | None | Unset, data)

        prompt_cache_retention = _parse_prompt_cache_retention(
            d.pop("prompt_cache_retention", UNSET)
        )

        def _parse_prompt_cache_options(
            data: object,
        ) -> CreateResponsePromptCacheOptionsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                prompt_cache_options_type_0 = (
                    CreateResponsePromptCacheOptionsType0.from_dict(data)
                )

                return prompt_cache_options_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CreateResponsePromptCacheOptionsType0 | None | Unset, data)

        prompt_cache_options = _parse_prompt_cache_options(
            d.pop("prompt_cache_options", UNSET)
        )

        def _parse_safety_identifier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        safety_identifier = _parse_safety_identifier(d.pop("safety_identifier", UNSET))

        user = d.pop("user", UNSET)

        def _parse_prompt(data: object) -> CreateResponsePromptType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                prompt_type_0 = CreateResponsePromptType0.from_dict(data)

                return prompt_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CreateResponsePromptType0 | None | Unset, data)

        prompt = _parse_prompt(d.pop("prompt", UNSET))

        def _parse_context_management(
            data: object,
        ) -> list[CreateResponseContextManagementType0Item] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                context_management_type_0 = []
                _context_management_type_0 = data
                for context_management_type_0_item_data in _context_management_type_0:
                    context_management_type_0_item = (
                        CreateResponseContextManagementType0Item.from_dict(
                            context_management_type_0_item_data
                        )
                    )

                    context_management_type_0.append(context_management_type_0_item)

                return context_management_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                list[CreateResponseContextManagementType0Item] | None | Unset, data
            )

        context_management = _parse_context_management(
            d.pop("context_management", UNSET)
        )

        def _parse_moderation(
            data: object,
        ) -> CreateResponseModerationType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                moderation_type_0 = CreateResponseModerationType0.from_dict(data)

                return moderation_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CreateResponseModerationType0 | None | Unset, data)

        moderation = _parse_moderation(d.pop("moderation", UNSET))

        _access_programs = d.pop("access_programs", UNSET)
        access_programs: CreateResponseAccessPrograms | Unset
        if isinstance(_access_programs, Unset):
            access_programs = UNSET
        else:
            access_programs = CreateResponseAccessPrograms.from_dict(_access_programs)

        _image = d.pop("image", UNSET)
        image: CreateResponseImage | Unset
        if isinstance(_image, Unset):
            image = UNSET
        else:
            image = CreateResponseImage.from_dict(_image)

        create_response = cls(
            model=model,
            input_=input_,
            instructions=instructions,
            previous_response_id=previous_response_id,
            conversation=conversation,
            store=store,
            stream=stream,
            stream_options=stream_options,
            background=background,
            background_options=background_options,
            metadata=metadata,
            temperature=temperature,
            top_p=top_p,
            presence_penalty=presence_penalty,
            frequency_penalty=frequency_penalty,
            top_logprobs=top_logprobs,
            max_output_tokens=max_output_tokens,
            max_tool_calls=max_tool_calls,
            tools=tools,
            tool_choice=tool_choice,
            parallel_tool_calls=parallel_tool_calls,
            text=text,
            reasoning=reasoning,
            truncation=truncation,
            include=include,
            service_tier=service_tier,
            prompt_cache_key=prompt_cache_key,
            prompt_cache_retention=prompt_cache_retention,
            prompt_cache_options=prompt_cache_options,
            safety_identifier=safety_identifier,
            user=user,
            prompt=prompt,
            context_management=context_management,
            moderation=moderation,
            access_programs=access_programs,
            image=image,
        )

        create_response.additional_properties = d
        return create_response

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

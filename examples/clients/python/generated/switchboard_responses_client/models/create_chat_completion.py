from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.chat_tool_choice_type_0 import ChatToolChoiceType0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.chat_assistant_message import ChatAssistantMessage
    from ..models.chat_developer_message import ChatDeveloperMessage
    from ..models.chat_format_json_object import ChatFormatJsonObject
    from ..models.chat_format_json_schema import ChatFormatJsonSchema
    from ..models.chat_format_text import ChatFormatText
    from ..models.chat_stream_options import ChatStreamOptions
    from ..models.chat_system_message import ChatSystemMessage
    from ..models.chat_tool import ChatTool
    from ..models.chat_tool_choice_function import ChatToolChoiceFunction
    from ..models.chat_tool_message import ChatToolMessage
    from ..models.chat_user_message import ChatUserMessage
    from ..models.create_chat_completion_audio_type_0 import (
        CreateChatCompletionAudioType0,
    )
    from ..models.create_chat_completion_functions_item import (
        CreateChatCompletionFunctionsItem,
    )
    from ..models.create_chat_completion_logit_bias_type_0 import (
        CreateChatCompletionLogitBiasType0,
    )
    from ..models.create_chat_completion_prediction_type_0 import (
        CreateChatCompletionPredictionType0,
    )
    from ..models.create_chat_completion_web_search_options import (
        CreateChatCompletionWebSearchOptions,
    )
    from ..models.metadata import Metadata


T = TypeVar("T", bound="CreateChatCompletion")


@_attrs_define
class CreateChatCompletion:
    """Body of `POST /v1/chat/completions`. Every parameter OpenAI's SDKs type is accepted with its
    default value (or `null`); a parameter the chosen agent can honour is honoured; any other
    value is refused with 400 and `param` naming it. Unknown fields → 400 `unknown_parameter`.

        Attributes:
            model (str): The name of a served agent (see `GET /v1/models`). Unknown names → 404 `model_not_found`.
            messages (list[ChatAssistantMessage | ChatDeveloperMessage | ChatSystemMessage | ChatToolMessage |
                ChatUserMessage]):
            tools (list[ChatTool] | Unset):
            tool_choice (ChatToolChoiceFunction | ChatToolChoiceType0 | Unset):
            parallel_tool_calls (bool | None | Unset):
            response_format (ChatFormatJsonObject | ChatFormatJsonSchema | ChatFormatText | Unset): The output format:
                `text`, any JSON object, or JSON matching a schema.
            stream (bool | None | Unset): Stream `chat.completion.chunk` events, then `data: [DONE]`.
            stream_options (ChatStreamOptions | None | Unset):
            max_completion_tokens (int | None | Unset):
            max_tokens (int | None | Unset): The older name of `max_completion_tokens`.
            n (int | None | Unset): How many choices to generate: only 1 is served.
            stop (list[str] | None | str | Unset): Up to 4 sequences; the text ends before the first one the agent writes
                (`finish_reason: stop`).
            seed (int | None | Unset): Accepted: like OpenAI, which promises only best-effort determinism for a seed.
                Scripted agents
                are deterministic anyway; the seed is not passed on to upstream models yet.
            user (str | Unset):
            metadata (Metadata | None | Unset):
            store (bool | None | Unset): Store the completion as a response (retrievable with `GET /v1/responses/{id}`);
                default false.
            temperature (float | None | Unset):
            top_p (float | None | Unset):
            frequency_penalty (float | None | Unset):
            presence_penalty (float | None | Unset):
            logit_bias (CreateChatCompletionLogitBiasType0 | None | Unset):
            logprobs (bool | None | Unset):
            top_logprobs (int | None | Unset):
            modalities (list[str] | None | Unset):
            audio (CreateChatCompletionAudioType0 | None | Unset):
            prediction (CreateChatCompletionPredictionType0 | None | Unset):
            reasoning_effort (None | str | Unset):
            verbosity (None | str | Unset):
            service_tier (None | str | Unset):
            prompt_cache_key (None | str | Unset):
            prompt_cache_retention (None | str | Unset):
            safety_identifier (None | str | Unset):
            web_search_options (CreateChatCompletionWebSearchOptions | Unset):
            functions (list[CreateChatCompletionFunctionsItem] | Unset):
            function_call (Any | Unset):
    """

    model: str
    messages: list[
        ChatAssistantMessage
        | ChatDeveloperMessage
        | ChatSystemMessage
        | ChatToolMessage
        | ChatUserMessage
    ]
    tools: list[ChatTool] | Unset = UNSET
    tool_choice: ChatToolChoiceFunction | ChatToolChoiceType0 | Unset = UNSET
    parallel_tool_calls: bool | None | Unset = UNSET
    response_format: (
        ChatFormatJsonObject | ChatFormatJsonSchema | ChatFormatText | Unset
    ) = UNSET
    stream: bool | None | Unset = UNSET
    stream_options: ChatStreamOptions | None | Unset = UNSET
    max_completion_tokens: int | None | Unset = UNSET
    max_tokens: int | None | Unset = UNSET
    n: int | None | Unset = UNSET
    stop: list[str] | None | str | Unset = UNSET
    seed: int | None | Unset = UNSET
    user: str | Unset = UNSET
    metadata: Metadata | None | Unset = UNSET
    store: bool | None | Unset = UNSET
    temperature: float | None | Unset = UNSET
    top_p: float | None | Unset = UNSET
    frequency_penalty: float | None | Unset = UNSET
    presence_penalty: float | None | Unset = UNSET
    logit_bias: CreateChatCompletionLogitBiasType0 | None | Unset = UNSET
    logprobs: bool | None | Unset = UNSET
    top_logprobs: int | None | Unset = UNSET
    modalities: list[str] | None | Unset = UNSET
    audio: CreateChatCompletionAudioType0 | None | Unset = UNSET
    prediction: CreateChatCompletionPredictionType0 | None | Unset = UNSET
    reasoning_effort: None | str | Unset = UNSET
    verbosity: None | str | Unset = UNSET
    service_tier: None | str | Unset = UNSET
    prompt_cache_key: None | str | Unset = UNSET
    prompt_cache_retention: None | str | Unset = UNSET
    safety_identifier: None | str | Unset = UNSET
    web_search_options: CreateChatCompletionWebSearchOptions | Unset = UNSET
    functions: list[CreateChatCompletionFunctionsItem] | Unset = UNSET
    function_call: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.chat_assistant_message import ChatAssistantMessage
        from ..models.chat_developer_message import ChatDeveloperMessage
        from ..models.chat_format_json_object import ChatFormatJsonObject
        from ..models.chat_format_text import ChatFormatText
        from ..models.chat_stream_options import ChatStreamOptions
        from ..models.chat_system_message import ChatSystemMessage
        from ..models.chat_user_message import ChatUserMessage
        from ..models.create_chat_completion_audio_type_0 import (
            CreateChatCompletionAudioType0,
        )
        from ..models.create_chat_completion_logit_bias_type_0 import (
            CreateChatCompletionLogitBiasType0,
        )
        from ..models.create_chat_completion_prediction_type_0 import (
            CreateChatCompletionPredictionType0,
        )
        from ..models.metadata import Metadata

        model = self.model

        messages = []
        for messages_item_data in self.messages:
            messages_item: dict[str, Any]
            if (
                isinstance(messages_item_data, ChatSystemMessage)
                or isinstance(messages_item_data, ChatDeveloperMessage)
                or isinstance(messages_item_data, ChatUserMessage)
                or isinstance(messages_item_data, ChatAssistantMessage)
            ):
                messages_item = messages_item_data.to_dict()
            else:
                messages_item = messages_item_data.to_dict()

            messages.append(messages_item)

        tools: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tools, Unset):
            tools = []
            for tools_item_data in self.tools:
                tools_item = tools_item_data.to_dict()
                tools.append(tools_item)

        tool_choice: dict[str, Any] | str | Unset
        if isinstance(self.tool_choice, Unset):
            tool_choice = UNSET
        elif isinstance(self.tool_choice, ChatToolChoiceType0):
            tool_choice = self.tool_choice.value
        else:
            tool_choice = self.tool_choice.to_dict()

        parallel_tool_calls: bool | None | Unset
        if isinstance(self.parallel_tool_calls, Unset):
            parallel_tool_calls = UNSET
        else:
            parallel_tool_calls = self.parallel_tool_calls

        response_format: dict[str, Any] | Unset
        if isinstance(self.response_format, Unset):
            response_format = UNSET
        elif isinstance(self.response_format, ChatFormatText) or isinstance(
            self.response_format, ChatFormatJsonObject
        ):
            response_format = self.response_format.to_dict()
        else:
            response_format = self.response_format.to_dict()

        stream: bool | None | Unset
        if isinstance(self.stream, Unset):
            stream = UNSET
        else:
            stream = self.stream

        stream_options: dict[str, Any] | None | Unset
        if isinstance(self.stream_options, Unset):
            stream_options = UNSET
        elif isinstance(self.stream_options, ChatStreamOptions):
            stream_options = self.stream_options.to_dict()
        else:
            stream_options = self.stream_options

        max_completion_tokens: int | None | Unset
        if isinstance(self.max_completion_tokens, Unset):
            max_completion_tokens = UNSET
        else:
            max_completion_tokens = self.max_completion_tokens

        max_tokens: int | None | Unset
        if isinstance(self.max_tokens, Unset):
            max_tokens = UNSET
        else:
            max_tokens = self.max_tokens

        n: int | None | Unset
        if isinstance(self.n, Unset):
            n = UNSET
        else:
            n = self.n

        stop: list[str] | None | str | Unset
        if isinstance(self.stop, Unset):
            stop = UNSET
        elif isinstance(self.stop, list):
            stop = self.stop

        else:
            stop = self.stop

        seed: int | None | Unset
        if isinstance(self.seed, Unset):
            seed = UNSET
        else:
            seed = self.seed

        user = self.user

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, Metadata):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        store: bool | None | Unset
        if isinstance(self.store, Unset):
            store = UNSET
        else:
            store = self.store

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

        frequency_penalty: float | None | Unset
        if isinstance(self.frequency_penalty, Unset):
            frequency_penalty = UNSET
        else:
            frequency_penalty = self.frequency_penalty

        presence_penalty: float | None | Unset
        if isinstance(self.presence_penalty, Unset):
            presence_penalty = UNSET
        else:
            presence_penalty = self.presence_penalty

        logit_bias: dict[str, Any] | None | Unset
        if isinstance(self.logit_bias, Unset):
            logit_bias = UNSET
        elif isinstance(self.logit_bias, CreateChatCompletionLogitBiasType0):
            logit_bias = self.logit_bias.to_dict()
        else:
            logit_bias = self.logit_bias

        logprobs: bool | None | Unset
        if isinstance(self.logprobs, Unset):
            logprobs = UNSET
        else:
            logprobs = self.logprobs

        top_logprobs: int | None | Unset
        if isinstance(self.top_logprobs, Unset):
            top_logprobs = UNSET
        else:
            top_logprobs = self.top_logprobs

        modalities: list[str] | None | Unset
        if isinstance(self.modalities, Unset):
            modalities = UNSET
        elif isinstance(self.modalities, list):
            modalities = self.modalities

        else:
            modalities = self.modalities

        audio: dict[str, Any] | None | Unset
        if isinstance(self.audio, Unset):
            audio = UNSET
        elif isinstance(self.audio, CreateChatCompletionAudioType0):
            audio = self.audio.to_dict()
        else:
            audio = self.audio

        prediction: dict[str, Any] | None | Unset
        if isinstance(self.prediction, Unset):
            prediction = UNSET
        elif isinstance(self.prediction, CreateChatCompletionPredictionType0):
            prediction = self.prediction.to_dict()
        else:
            prediction = self.prediction

        reasoning_effort: None | str | Unset
        if isinstance(self.reasoning_effort, Unset):
            reasoning_effort = UNSET
        else:
            reasoning_effort = self.reasoning_effort

        verbosity: None | str | Unset
        if isinstance(self.verbosity, Unset):
            verbosity = UNSET
        else:
            verbosity = self.verbosity

        service_tier: None | str | Unset
        if isinstance(self.service_tier, Unset):
            service_tier = UNSET
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
        else:
            prompt_cache_retention = self.prompt_cache_retention

        safety_identifier: None | str | Unset
        if isinstance(self.safety_identifier, Unset):
            safety_identifier = UNSET
        else:
            safety_identifier = self.safety_identifier

        web_search_options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.web_search_options, Unset):
            web_search_options = self.web_search_options.to_dict()

        functions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.functions, Unset):
            functions = []
            for functions_item_data in self.functions:
                functions_item = functions_item_data.to_dict()
                functions.append(functions_item)

        function_call = self.function_call

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model": model,
                "messages": messages,
            }
        )
        if tools is not UNSET:
            field_dict["tools"] = tools
        if tool_choice is not UNSET:
            field_dict["tool_choice"] = tool_choice
        if parallel_tool_calls is not UNSET:
            field_dict["parallel_tool_calls"] = parallel_tool_calls
        if response_format is not UNSET:
            field_dict["response_format"] = response_format
        if stream is not UNSET:
            field_dict["stream"] = stream
        if stream_options is not UNSET:
            field_dict["stream_options"] = stream_options
        if max_completion_tokens is not UNSET:
            field_dict["max_completion_tokens"] = max_completion_tokens
        if max_tokens is not UNSET:
            field_dict["max_tokens"] = max_tokens
        if n is not UNSET:
            field_dict["n"] = n
        if stop is not UNSET:
            field_dict["stop"] = stop
        if seed is not UNSET:
            field_dict["seed"] = seed
        if user is not UNSET:
            field_dict["user"] = user
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if store is not UNSET:
            field_dict["store"] = store
        if temperature is not UNSET:
            field_dict["temperature"] = temperature
        if top_p is not UNSET:
            field_dict["top_p"] = top_p
        if frequency_penalty is not UNSET:
            field_dict["frequency_penalty"] = frequency_penalty
        if presence_penalty is not UNSET:
            field_dict["presence_penalty"] = presence_penalty
        if logit_bias is not UNSET:
            field_dict["logit_bias"] = logit_bias
        if logprobs is not UNSET:
            field_dict["logprobs"] = logprobs
        if top_logprobs is not UNSET:
            field_dict["top_logprobs"] = top_logprobs
        if modalities is not UNSET:
            field_dict["modalities"] = modalities
        if audio is not UNSET:
            field_dict["audio"] = audio
        if prediction is not UNSET:
            field_dict["prediction"] = prediction
        if reasoning_effort is not UNSET:
            field_dict["reasoning_effort"] = reasoning_effort
        if verbosity is not UNSET:
            field_dict["verbosity"] = verbosity
        if service_tier is not UNSET:
            field_dict["service_tier"] = service_tier
        if prompt_cache_key is not UNSET:
            field_dict["prompt_cache_key"] = prompt_cache_key
        if prompt_cache_retention is not UNSET:
            field_dict["prompt_cache_retention"] = prompt_cache_retention
        if safety_identifier is not UNSET:
            field_dict["safety_identifier"] = safety_identifier
        if web_search_options is not UNSET:
            field_dict["web_search_options"] = web_search_options
        if functions is not UNSET:
            field_dict["functions"] = functions
        if function_call is not UNSET:
            field_dict["function_call"] = function_call

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.chat_assistant_message import ChatAssistantMessage
        from ..models.chat_developer_message import ChatDeveloperMessage
        from ..models.chat_format_json_object import ChatFormatJsonObject
        from ..models.chat_format_json_schema import ChatFormatJsonSchema
        from ..models.chat_format_text import ChatFormatText
        from ..models.chat_stream_options import ChatStreamOptions
        from ..models.chat_system_message import ChatSystemMessage
        from ..models.chat_tool import ChatTool
        from ..models.chat_tool_choice_function import ChatToolChoiceFunction
        from ..models.chat_tool_message import ChatToolMessage
        from ..models.chat_user_message import ChatUserMessage
        from ..models.create_chat_completion_audio_type_0 import (
            CreateChatCompletionAudioType0,
        )
        from ..models.create_chat_completion_functions_item import (
            CreateChatCompletionFunctionsItem,
        )
        from ..models.create_chat_completion_logit_bias_type_0 import (
            CreateChatCompletionLogitBiasType0,
        )
        from ..models.create_chat_completion_prediction_type_0 import (
            CreateChatCompletionPredictionType0,
        )
        from ..models.create_chat_completion_web_search_options import (
            CreateChatCompletionWebSearchOptions,
        )
        from ..models.metadata import Metadata

        d = dict(src_dict)
        model = d.pop("model")

        messages = []
        _messages = d.pop("messages")
        for messages_item_data in _messages:

            def _parse_messages_item(
                data: object,
            ) -> (
                ChatAssistantMessage
                | ChatDeveloperMessage
                | ChatSystemMessage
                | ChatToolMessage
                | ChatUserMessage
            ):
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_chat_message_type_0 = ChatSystemMessage.from_dict(
                        data
                    )

                    return componentsschemas_chat_message_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_chat_message_type_1 = (
                        ChatDeveloperMessage.from_dict(data)
                    )

                    return componentsschemas_chat_message_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_chat_message_type_2 = ChatUserMessage.from_dict(
                        data
                    )

                    return componentsschemas_chat_message_type_2
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_chat_message_type_3 = (
                        ChatAssistantMessage.from_dict(data)
                    )

                    return componentsschemas_chat_message_type_3
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_chat_message_type_4 = ChatToolMessage.from_dict(data)

                return componentsschemas_chat_message_type_4

            messages_item = _parse_messages_item(messages_item_data)

            messages.append(messages_item)

        _tools = d.pop("tools", UNSET)
        tools: list[ChatTool] | Unset = UNSET
        if _tools is not UNSET:
            tools = []
            for tools_item_data in _tools:
                tools_item = ChatTool.from_dict(tools_item_data)

                tools.append(tools_item)

        def _parse_tool_choice(
            data: object,
        ) -> ChatToolChoiceFunction | ChatToolChoiceType0 | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_chat_tool_choice_type_0 = ChatToolChoiceType0(data)

                return componentsschemas_chat_tool_choice_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_chat_tool_choice_type_1 = (
                ChatToolChoiceFunction.from_dict(data)
            )

            return componentsschemas_chat_tool_choice_type_1

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

        def _parse_response_format(
            data: object,
        ) -> ChatFormatJsonObject | ChatFormatJsonSchema | ChatFormatText | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_chat_response_format_type_0 = (
                    ChatFormatText.from_dict(data)
                )

                return componentsschemas_chat_response_format_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_chat_response_format_type_1 = (
                    ChatFormatJsonObject.from_dict(data)
                )

                return componentsschemas_chat_response_format_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_chat_response_format_type_2 = (
                ChatFormatJsonSchema.from_dict(data)
            )

            return componentsschemas_chat_response_format_type_2

        response_format = _parse_response_format(d.pop("response_format", UNSET))

        def _parse_stream(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        stream = _parse_stream(d.pop("stream", UNSET))

        def _parse_stream_options(data: object) -> ChatStreamOptions | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                stream_options_type_0 = ChatStreamOptions.from_dict(data)

                return stream_options_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ChatStreamOptions | None | Unset, data)

        stream_options = _parse_stream_options(d.pop("stream_options", UNSET))

        def _parse_max_completion_tokens(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_completion_tokens = _parse_max_completion_tokens(
            d.pop("max_completion_tokens", UNSET)
        )

        def _parse_max_tokens(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_tokens = _parse_max_tokens(d.pop("max_tokens", UNSET))

        def _parse_n(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        n = _parse_n(d.pop("n", UNSET))

        def _parse_stop(data: object) -> list[str] | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                stop_type_1 = cast(list[str], data)

                return stop_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | str | Unset, data)

        stop = _parse_stop(d.pop("stop", UNSET))

        def _parse_seed(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        seed = _parse_seed(d.pop("seed", UNSET))

        user = d.pop("user", UNSET)

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

        def _parse_store(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        store = _parse_store(d.pop("store", UNSET))

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

        def _parse_frequency_penalty(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        frequency_penalty = _parse_frequency_penalty(d.pop("frequency_penalty", UNSET))

        def _parse_presence_penalty(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        presence_penalty = _parse_presence_penalty(d.pop("presence_penalty", UNSET))

        def _parse_logit_bias(
            data: object,
        ) -> CreateChatCompletionLogitBiasType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                logit_bias_type_0 = CreateChatCompletionLogitBiasType0.from_dict(data)

                return logit_bias_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CreateChatCompletionLogitBiasType0 | None | Unset, data)

        logit_bias = _parse_logit_bias(d.pop("logit_bias", UNSET))

        def _parse_logprobs(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        logprobs = _parse_logprobs(d.pop("logprobs", UNSET))

        def _parse_top_logprobs(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        top_logprobs = _parse_top_logprobs(d.pop("top_logprobs", UNSET))

        def _parse_modalities(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                modalities_type_0 = cast(list[str], data)

                return modalities_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        modalities = _parse_modalities(d.pop("modalities", UNSET))

        def _parse_audio(data: object) -> CreateChatCompletionAudioType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                audio_type_0 = CreateChatCompletionAudioType0.from_dict(data)

                return audio_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CreateChatCompletionAudioType0 | None | Unset, data)

        audio = _parse_audio(d.pop("audio", UNSET))

        def _parse_prediction(
            data: object,
        ) -> CreateChatCompletionPredictionType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                prediction_type_0 = CreateChatCompletionPredictionType0.from_dict(data)

                return prediction_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CreateChatCompletionPredictionType0 | None | Unset, data)

        prediction = _parse_prediction(d.pop("prediction", UNSET))

        def _parse_reasoning_effort(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reasoning_effort = _parse_reasoning_effort(d.pop("reasoning_effort", UNSET))

        def _parse_verbosity(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        verbosity = _parse_verbosity(d.pop("verbosity", UNSET))

        def _parse_service_tier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        service_tier = _parse_service_tier(d.pop("service_tier", UNSET))

        def _parse_prompt_cache_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        prompt_cache_key = _parse_prompt_cache_key(d.pop("prompt_cache_key", UNSET))

        def _parse_prompt_cache_retention(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        prompt_cache_retention = _parse_prompt_cache_retention(
            d.pop("prompt_cache_retention", UNSET)
        )

        def _parse_safety_identifier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        safety_identifier = _parse_safety_identifier(d.pop("safety_identifier", UNSET))

        _web_search_options = d.pop("web_search_options", UNSET)
        web_search_options: CreateChatCompletionWebSearchOptions | Unset
        if isinstance(_web_search_options, Unset):
            web_search_options = UNSET
        else:
            web_search_options = CreateChatCompletionWebSearchOptions.from_dict(
                _web_search_options
            )

        _functions = d.pop("functions", UNSET)
        functions: list[CreateChatCompletionFunctionsItem] | Unset = UNSET
        if _functions is not UNSET:
            functions = []
            for functions_item_data in _functions:
                functions_item = CreateChatCompletionFunctionsItem.from_dict(
                    functions_item_data
                )

                functions.append(functions_item)

        function_call = d.pop("function_call", UNSET)

        create_chat_completion = cls(
            model=model,
            messages=messages,
            tools=tools,
            tool_choice=tool_choice,
            parallel_tool_calls=parallel_tool_calls,
            response_format=response_format,
            stream=stream,
            stream_options=stream_options,
            max_completion_tokens=max_completion_tokens,
            max_tokens=max_tokens,
            n=n,
            stop=stop,
            seed=seed,
            user=user,
            metadata=metadata,
            store=store,
            temperature=temperature,
            top_p=top_p,
            frequency_penalty=frequency_penalty,
            presence_penalty=presence_penalty,
            logit_bias=logit_bias,
            logprobs=logprobs,
            top_logprobs=top_logprobs,
            modalities=modalities,
            audio=audio,
            prediction=prediction,
            reasoning_effort=reasoning_effort,
            verbosity=verbosity,
            service_tier=service_tier,
            prompt_cache_key=prompt_cache_key,
            prompt_cache_retention=prompt_cache_retention,
            safety_identifier=safety_identifier,
            web_search_options=web_search_options,
            functions=functions,
            function_call=function_call,
        )

        create_chat_completion.additional_properties = d
        return create_chat_completion

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

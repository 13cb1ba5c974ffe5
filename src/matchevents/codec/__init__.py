"""The codec: events to and from JSON objects with a ``type`` tag, a schema version and a match id.

An encoded goal reads::

    {"type": "goal", "v": 3, "match_id": "uel-2023-24-qf-1", "side": "away",
     "scorer": "Gianluca Scamacca", "at": "38"}

Every object carries ``type`` (which event), ``v`` (the layout version of that type) and, for match
events, ``match_id``; then the event's fields, optional ones left out at their default. Clocks are
``"45+3"``, scores ``"2-1"``, date-times ISO 8601 (see :mod:`matchevents.codec.converter`).

Reading is safe and precise: types are looked up in the codec's registry (nothing is imported or
executed from a log), old layouts are upcast to the current one by registered upcasters, and any
problem raises :class:`~matchevents.errors.CodecError` naming the line, the type, the field and
what was expected.

The catalogue decodes through prebuilt per-type functions (:mod:`matchevents.codec.builtin`); your
own event types go through the public cattrs :data:`converter`::

    codec.register(PointsDeducted, "points_deducted")

JSON text is parsed with ``orjson`` when it is installed (``pip install matchevents[fast]``) and
with the standard library otherwise; both give the same events.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Final

import attrs

from matchevents.codec.builtin import BUILTIN, COMPETITION_EVENTS, Decoder, Encoder, JsonObject
from matchevents.codec.converter import converter, describe_type
from matchevents.codec.history import CATALOGUE_UPCASTERS, CATALOGUE_VERSIONS, Upcaster
from matchevents.errors import CodecError, InvalidValueError

try:  # pragma: no cover - which branch runs depends on the environment
    import orjson as _orjson
except ImportError:  # pragma: no cover
    _orjson = None  # type: ignore[assignment]

__all__ = [
    "JSON_BACKEND",
    "Codec",
    "CodecError",
    "JsonObject",
    "Upcaster",
    "converter",
    "decode",
    "default_codec",
    "dumps",
    "encode",
    "loads",
    "parse_json",
    "register",
    "register_upcaster",
]

JSON_BACKEND: Final = "orjson" if _orjson is not None else "json"
"""Which JSON library parses and writes logs: ``"orjson"`` when installed, else ``"json"``."""

_MAX_SHOWN = 60


parse_json: Final[Callable[[str | bytes], Any]] = (
    _orjson.loads if _orjson is not None else json.loads
)
"""Parse one JSON document with the fastest available library (``orjson.loads`` or
``json.loads``); raises ``ValueError`` for text that is not JSON (both libraries' errors are
``ValueError``)."""


def _dump_json(obj: JsonObject) -> str:
    if _orjson is not None:
        return _orjson.dumps(obj).decode()
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 3] + "..."


@attrs.frozen(slots=True)
class _Entry:
    cls: type
    tag: str
    version: int
    encode: Encoder
    decode: Decoder
    keys: frozenset[str]
    """Every key a current-version object of this type may have, ``type`` and ``v`` included."""


class Codec:
    """A registry of event types with their tags, versions, encoders, decoders and upcasters.

    :data:`default_codec` knows the whole catalogue; build your own ``Codec()`` to keep custom
    types apart, or register them on the default one.

    Args:
        catalogue: register the library's event catalogue (match events and competition-level
            events such as points deductions) and its upcasters.
    """

    def __init__(self, *, catalogue: bool = True) -> None:
        self._by_type: dict[type, _Entry] = {}
        self._by_tag: dict[str, _Entry] = {}
        # tag -> (version, decoder): the fast path's one lookup per object.
        self._fast: dict[str, tuple[int, Decoder]] = {}
        self._upcasters: dict[tuple[str, int], Upcaster] = {}
        if catalogue:
            for cls, tag, encoder, decoder in BUILTIN:
                version = CATALOGUE_VERSIONS.get(tag, 1)
                self.register(cls, tag, version=version, encode=encoder, decode=decoder)
            for cls, tag in COMPETITION_EVENTS:
                self.register(cls, tag)
            for (tag, from_version), upcaster in CATALOGUE_UPCASTERS.items():
                self.register_upcaster(tag, from_version, upcaster)

    # -- registration -----------------------------------------------------------------------------
    def register(
        self,
        cls: type,
        tag: str,
        *,
        version: int = 1,
        encode: Encoder | None = None,
        decode: Decoder | None = None,
    ) -> None:
        """Teach the codec an attrs event class under the type tag ``tag`` at schema ``version``.

        Without ``encode``/``decode``, the public :data:`converter` (un)structures it, so any hook
        registered there applies. A hand-written ``decode`` receives the whole object (``type`` and
        ``v`` included) and must raise on anything it does not accept, unknown keys included; the
        codec then explains the problem through the converter. Events without a ``match_id``
        (competition-level events) are welcome.

        Raises:
            InvalidValueError: ``cls`` is not an attrs class, or the tag or class is already
                registered, or the version is below 1.
        """
        if not attrs.has(cls):
            raise InvalidValueError(f"{cls.__name__} is not an attrs class")
        if tag in self._by_tag or cls in self._by_type:
            raise InvalidValueError(f"{cls.__name__} or the tag {tag!r} is already registered")
        if version < 1:
            raise InvalidValueError(f"schema versions start at 1, got {version}")
        attrs.resolve_types(cls)
        fields = attrs.fields(cls)
        keys = frozenset({"type", "v", *(field.name for field in fields)})
        entry = _Entry(
            cls,
            tag,
            version,
            encode or self._converter_encoder(cls),
            decode or self._converter_decoder(cls),
            keys,
        )
        self._by_type[cls] = entry
        self._by_tag[tag] = entry
        self._fast[tag] = (entry.version, entry.decode)

    def register_upcaster(self, tag: str, from_version: int, upcaster: Upcaster) -> None:
        """Register the function that turns a ``tag`` object of ``from_version`` into one of
        ``from_version + 1``. Chains run one step at a time up to the current version."""
        self._upcasters[(tag, from_version)] = upcaster

    @staticmethod
    def _converter_encoder(cls: type) -> Encoder:
        def encode(event: Any) -> JsonObject:
            result: JsonObject = converter.unstructure(event, cls)
            return result

        return encode

    @staticmethod
    def _converter_decoder(cls: type) -> Decoder:
        def decode(obj: JsonObject) -> Any:
            fields = {key: value for key, value in obj.items() if key != "type" and key != "v"}
            return converter.structure(fields, cls)

        return decode

    def tag_of(self, cls: type) -> str:
        """The type tag a class is encoded under.

        Raises:
            CodecError: the class is not registered.
        """
        entry = self._by_type.get(cls)
        if entry is None:
            raise CodecError(f"{cls.__name__} is not a registered event type")
        return entry.tag

    def version_of(self, tag: str) -> int:
        """The current schema version of a type tag."""
        return self._by_tag[tag].version

    @property
    def tags(self) -> tuple[str, ...]:
        """Every registered type tag."""
        return tuple(self._by_tag)

    # -- encoding ---------------------------------------------------------------------------------
    def encode(self, event: object) -> JsonObject:
        """The JSON object of an event: ``type``, ``v``, then its fields.

        Raises:
            CodecError: the event's class is not registered.
        """
        entry = self._by_type.get(type(event))
        if entry is None:
            raise CodecError(f"{type(event).__name__} is not a registered event type")
        return {"type": entry.tag, "v": entry.version, **entry.encode(event)}

    def dumps(self, event: object) -> str:
        """The event as one line of compact JSON (no newline)."""
        return _dump_json(self.encode(event))

    # -- decoding ---------------------------------------------------------------------------------
    def decode(self, obj: Any, *, line: int | None = None, source: str | None = None) -> Any:
        """The event a JSON object encodes, upcast to the current schema.

        Args:
            obj: the parsed JSON object.
            line: its line number, for error messages.
            source: its file, for error messages.

        Raises:
            CodecError: naming the line, type, field and what was expected.
        """
        try:
            version, decoder = self._fast[obj["type"]]
            if obj["v"] == version:
                return decoder(obj)
        except Exception:  # any failure is explained precisely below
            pass
        return self._decode_carefully(obj, line, source)

    def decoder(self) -> Callable[[Any, int | None, str | None], Any]:
        """:meth:`decode` as a plain function of ``(obj, line, source)``, for tight loops (the
        log reader): the fast path inlined, the careful one on any doubt."""
        fast = self._fast
        careful = self._decode_carefully

        def decode(obj: Any, line: int | None, source: str | None) -> Any:
            try:
                version, decoder = fast[obj["type"]]
                if obj["v"] == version:
                    return decoder(obj)
            except Exception:  # explained precisely by the careful path
                pass
            return careful(obj, line, source)

        return decode

    def loads(
        self, text: str | bytes, *, line: int | None = None, source: str | None = None
    ) -> Any:
        """The event encoded in one line of JSON text.

        Raises:
            CodecError: the text is not JSON, or not a valid event.
        """
        try:
            obj = parse_json(text)
        except ValueError as error:
            raise CodecError(
                f"not valid JSON ({error})", source=source, line=line, expected="a JSON object"
            ) from None
        return self.decode(obj, line=line, source=source)

    def _decode_carefully(self, obj: Any, line: int | None, source: str | None) -> Any:
        """The slow path: upcast old layouts, decode, or say exactly what is wrong."""

        def fail(
            message: str,
            tag: str | None = None,
            field: str | None = None,
            expected: str | None = None,
        ) -> CodecError:
            match_id = obj.get("match_id") if type(obj) is dict else None
            return CodecError(
                message,
                source=source,
                line=line,
                type_tag=tag,
                field=field,
                expected=expected,
                match_id=match_id if type(match_id) is str else None,
            )

        if type(obj) is not dict:
            raise fail(f"expected a JSON object, got {_shown(obj)}", expected="a JSON object")
        tag = obj.get("type")
        if type(tag) is not str:
            raise fail(
                f"missing or not a string: {_shown(tag)}", field="type", expected="a type tag"
            )
        entry = self._by_tag.get(tag)
        if entry is None:
            known = ", ".join(sorted(self._by_tag))
            raise fail(
                f"unknown event type {tag!r}",
                field="type",
                expected=f"one of the registered types: {known}",
            )
        version = obj.get("v")
        if type(version) is not int or version < 1:
            raise fail(
                f"missing or not a positive integer: {_shown(version)}",
                tag,
                "v",
                "a schema version number",
            )
        if version > entry.version:
            raise fail(
                f"schema version {version} is newer than this library reads "
                f"(up to {entry.version}); upgrade matchevents",
                tag,
                "v",
                f"a version up to {entry.version}",
            )
        while version < entry.version:
            upcaster = self._upcasters.get((tag, version))
            if upcaster is None:
                raise fail(f"no upcaster from version {version}", tag, "v", "a known version")
            try:
                obj = upcaster(obj)
            except CodecError as error:
                raise fail(
                    f"{error.message} (reading the v{version} layout)",
                    tag,
                    error.field,
                    error.expected,
                ) from None
            version += 1
            obj = {**obj, "v": version}
        unknown = obj.keys() - entry.keys
        if unknown:
            field = sorted(unknown)[0]
            fields = ", ".join(sorted(entry.keys - {"type", "v"}))
            raise fail("unknown field", tag, field, f"only the fields of a {tag}: {fields}")
        try:
            return entry.decode(obj)
        except Exception:  # explained field by field below
            pass
        values: dict[str, Any] = {}
        for attribute in attrs.fields(entry.cls):
            name = attribute.name
            if name not in obj:
                if attribute.default is attrs.NOTHING:
                    raise fail("missing", tag, name, describe_type(attribute.type))
                continue
            value = obj[name]
            try:
                values[name] = converter.structure(value, attribute.type)
            except Exception as error:
                why = f" ({error})" if isinstance(error, ValueError | TypeError) else ""
                raise fail(
                    f"got {_shown(value)}{why}", tag, name, describe_type(attribute.type)
                ) from None
        try:
            return entry.cls(**values)
        except Exception as error:
            raise fail(str(error), tag, expected=f"a valid {tag}") from None


default_codec: Final = Codec()
"""The codec of the whole catalogue, used wherever no other codec is given."""


def encode(event: object) -> JsonObject:
    """The JSON object of an event, with the default codec."""
    return default_codec.encode(event)


def decode(obj: Any, *, line: int | None = None, source: str | None = None) -> Any:
    """The event a JSON object encodes, with the default codec."""
    return default_codec.decode(obj, line=line, source=source)


def dumps(event: object) -> str:
    """One line of compact JSON for an event, with the default codec."""
    return default_codec.dumps(event)


def loads(text: str | bytes, *, line: int | None = None, source: str | None = None) -> Any:
    """The event in one line of JSON text, with the default codec."""
    return default_codec.loads(text, line=line, source=source)


def register(
    cls: type,
    tag: str,
    *,
    version: int = 1,
    encode: Encoder | None = None,
    decode: Decoder | None = None,
) -> None:
    """Register an event type on the default codec (see :meth:`Codec.register`)."""
    default_codec.register(cls, tag, version=version, encode=encode, decode=decode)


def register_upcaster(tag: str, from_version: int, upcaster: Upcaster) -> None:
    """Register an upcaster on the default codec (see :meth:`Codec.register_upcaster`)."""
    default_codec.register_upcaster(tag, from_version, upcaster)

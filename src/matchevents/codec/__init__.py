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
with the standard library otherwise; both give the same events, and refuse the same lines (text
that is not UTF-8, a lone surrogate such as ``"\\ud800"``, a value nested too deeply to parse),
but for numbers JSON leaves to the reader: an integer beyond 64 bits (orjson reads it as a float,
so it is refused where an integer is expected), ``NaN`` and ``Infinity`` (refused by orjson). The
environment variable ``MATCHEVENTS_JSON_BACKEND`` chooses one when the codec is first imported:
``json`` for the standard library even where orjson is installed (the test suite and
``tests/fuzz_codec.py`` run both backends so), ``orjson`` to insist on orjson; unset or empty, the
fastest available.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from types import ModuleType
from typing import Any, Final

import attrs

from matchevents.codec.builtin import BUILTIN, COMPETITION_EVENTS, Decoder, Encoder, JsonObject
from matchevents.codec.converter import converter, describe_type, describe_value, got, shown
from matchevents.codec.history import CATALOGUE_UPCASTERS, CATALOGUE_VERSIONS, Upcaster
from matchevents.errors import CodecError, InvalidValueError

BACKEND_VARIABLE: Final = "MATCHEVENTS_JSON_BACKEND"
"""The environment variable that chooses the JSON library: ``json``, ``orjson``, or unset."""


def _backend() -> ModuleType | None:
    """orjson, or None for the standard library, as ``MATCHEVENTS_JSON_BACKEND`` asks."""
    wanted = os.environ.get(BACKEND_VARIABLE, "")
    if wanted not in ("", "json", "orjson"):
        raise InvalidValueError(f"{BACKEND_VARIABLE}={wanted!r}: expected 'json' or 'orjson'")
    if wanted == "json":
        return None
    try:
        import orjson
    except ImportError:
        if wanted == "orjson":
            raise ImportError(
                f"{BACKEND_VARIABLE}=orjson, but orjson is not installed "
                "(pip install matchevents[fast])"
            ) from None
        return None
    return orjson


_orjson: Final = _backend()

__all__ = [
    "BACKEND_VARIABLE",
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
"""Which JSON library parses and writes logs: ``"orjson"`` or ``"json"`` (see the module's
documentation for how it is chosen)."""

# Only an escaped surrogate can make a lone one (raw ones are not UTF-8); an escaped pair, which
# is a character, is told from a lone half by writing the parsed value out again.
_SURROGATE_ESCAPE: Final = re.compile(r"\\u[dD][89a-fA-F]")
_LONE_SURROGATE: Final = "a lone surrogate, half of a UTF-16 pair and no character"
_TOO_DEEP: Final = "nested too deeply"


def _parse_standard(text: str | bytes) -> Any:
    """``json.loads``, held to what orjson reads: UTF-8 text without lone surrogates (raw or
    escaped), and text nested too deeply to parse refused with a ``ValueError`` like any other
    unreadable text, never a ``RecursionError``."""
    try:
        if not isinstance(text, str):
            text = text.decode()
        elif not text.isascii():
            text.encode()
        obj = json.loads(text)
    except UnicodeDecodeError as error:
        raise ValueError(f"not UTF-8 text: {error.reason} at byte {error.start + 1}") from None
    except UnicodeEncodeError as error:
        where = f"a lone surrogate at character {error.start + 1}"
        raise ValueError(_LONE_SURROGATE.replace("a lone surrogate", where)) from None
    except RecursionError:
        raise ValueError(_TOO_DEEP) from None
    if "\\u" in text and _SURROGATE_ESCAPE.search(text) is not None:
        try:
            json.dumps(obj, ensure_ascii=False).encode()
        except UnicodeEncodeError:
            raise ValueError(_LONE_SURROGATE.replace("surrogate", "surrogate escape")) from None
        except RecursionError:
            raise ValueError(_TOO_DEEP) from None
    return obj


parse_json: Final[Callable[[str | bytes], Any]] = (
    _orjson.loads if _orjson is not None else _parse_standard
)
"""Parse one JSON document with the fastest available library (``orjson.loads``, or
``json.loads`` held to what orjson reads); raises ``ValueError`` for anything that is not JSON in
UTF-8, a value nested too deeply to parse and a lone surrogate included."""


def _dump_json(obj: JsonObject) -> str:
    if _orjson is not None:
        return str(_orjson.dumps(obj).decode())
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    if not text.isascii():
        text.encode()  # a lone surrogate is no UTF-8: refused, as orjson refuses it
    return text


def _is_text(value: str) -> bool:
    """Whether a string can be written as UTF-8 (holds no lone surrogate)."""
    try:
        value.encode()
    except UnicodeEncodeError:
        return False
    return True


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
        """The event as one line of compact JSON (no newline).

        Raises:
            CodecError: the event's class is not registered, or a field holds what JSON in UTF-8
                cannot (a lone surrogate such as ``"\\ud800"``, which no reader would accept).
        """
        obj = self.encode(event)
        try:
            return _dump_json(obj)
        except (TypeError, ValueError) as error:  # orjson's errors are TypeErrors
            bad = [key for key, value in obj.items() if type(value) is str and not _is_text(value)]
            match_id = obj.get("match_id")
            raise CodecError(
                _LONE_SURROGATE if bad else f"not writable as JSON: {error}",
                type_tag=obj["type"],
                field=bad[0] if bad else None,
                expected="text in UTF-8" if bad else None,
                match_id=match_id if type(match_id) is str and _is_text(match_id) else None,
            ) from None

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
            # "is", not "==": true and 1.0 equal 1 but are no version. A parsed version is the
            # interpreter's one small int, so a valid line never misses this path (and anything
            # else is read exactly by the careful one).
            if obj["v"] is version:
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
                if obj["v"] is version:  # see decode
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

    def decode_batch(
        self, items: Any, *, line: int | None = None, source: str | None = None
    ) -> list[Any]:
        """The events of a batch: a JSON array of event objects that a store appended at once
        (a line of a log holds one event object, or one such batch).

        Raises:
            CodecError: the batch is empty or not a list, or one of its items is not a valid
                event (an item that is not even an object is named by its place).
        """
        if type(items) is not list or not items:
            raise CodecError(
                "got [] (an empty batch)" if items == [] else got(items),
                source=source,
                line=line,
                expected="a list of one or more event objects",
            )
        events = []
        decode = self.decode
        for place, item in enumerate(items, 1):
            try:
                events.append(decode(item, line=line, source=source))
            except CodecError as error:
                if type(item) is dict:
                    raise  # its type and field name it
                raise CodecError(
                    f"item {place} of the batch: {error.message}",
                    source=source,
                    line=line,
                    expected=error.expected,
                ) from None
        return events

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
            raise fail(got(obj), expected="a JSON object")
        tag = obj.get("type")
        if type(tag) is not str:
            why = got(tag) if "type" in obj else "missing"
            raise fail(why, field="type", expected="a type tag (a string)")
        entry = self._by_tag.get(tag)
        if entry is None:
            known = ", ".join(sorted(self._by_tag))
            raise fail(
                f"unknown event type {shown(tag)}",
                field="type",
                expected=f"one of the registered types: {known}",
            )
        version = obj.get("v")
        if type(version) is not int or version < 1:
            why = got(version) if "v" in obj else "missing"
            raise fail(why, tag, "v", "a schema version number (1, 2, ...)")
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
            except Exception as error:  # an upcaster that trips on a value of the wrong kind
                raise fail(
                    f"the v{version} layout cannot be read: its upcaster failed "
                    f"({type(error).__name__}: {shown(str(error))[1:-1]})",
                    tag,
                    "v",
                    f"a valid v{version} {tag}",
                ) from None
            if type(obj) is not dict:
                raise fail(
                    f"the upcaster from v{version} returned {describe_value(obj)}, not an object",
                    tag,
                    "v",
                )
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
                    f"got {shown(value)}{why}", tag, name, describe_type(attribute.type)
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

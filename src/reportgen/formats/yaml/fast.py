"""The usual YAML data file in one pass over libyaml's events, with the same data as the careful reader.

The careful reader (``reader.py``) lets libyaml build a tree of nodes, resolves each plain
scalar's tag with regular expressions and then constructs the data, about 2 ms a report. Here
the same parser's events are turned into dicts and lists directly, and each distinct plain
scalar is resolved and constructed once, by the very resolver and constructors of
``FastLoader``, then remembered (the values are immutable: str, int, Decimal, bool, None, dates).

Anything this pass is not certain to read as the careful reader would gives ``UNSURE``, and the
caller reads the file the careful way, so data and every message stay the same: a parse error,
an anchor, alias or tag, a merge key ``<<``, a key that is not plain text or repeats, a collection
as a key, directives, a second document, deep nesting, and text the careful reader would give
to the pure-Python parser (many ``*``).
"""

from __future__ import annotations

from typing import Any, Final

import yaml

from .reader import ALIASES, MAX_ALIASES, FastLoader

_PARSER: Any = getattr(getattr(yaml, "cyaml", None), "CParser", None)
"""libyaml's parser; PyYAML built without libyaml reads every file the careful way."""

UNSURE: Final = object()
"""Returned when the careful reader must decide."""

MAX_DEPTH = 40
"""Deeper nesting than any data file has: left to the careful reader, which may run out of recursion."""

_SCALARS = ("tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "timestamp"))
_CONSTRUCTORS = {tag: FastLoader.yaml_constructors[tag] for tag in _SCALARS}
"""The tags a plain scalar may resolve to here, with the careful reader's constructors."""
_CONSTRUCTING = yaml.constructor.SafeConstructor()
_RESOLVER = yaml.resolver.Resolver()
_RESOLVER.yaml_implicit_resolvers = FastLoader.yaml_implicit_resolvers  # FastLoader's table, even if one day its own
_CACHE: dict[str, Any] = {}
_CACHE_SIZE = 8192
_CACHED_LENGTH = 64
"""Texts up to this long are remembered: a few MB at most, however many files a batch reads."""
_MISSING = object()


def _plain(text: str) -> Any:
    """The value of a plain scalar: tag resolved and constructed as FastLoader does, then cached."""
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    construct = _CONSTRUCTORS.get(tag)
    value = UNSURE if construct is None else construct(_CONSTRUCTING, yaml.ScalarNode(tag, text))
    if len(text) <= _CACHED_LENGTH:  # keys and numbers repeat; a paragraph seldom does
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()
        _CACHE[text] = value
    return value


def load_fast(text: str) -> Any:
    """The data of a YAML text, equal to the careful reader's; ``UNSURE`` when that reader must decide."""
    if _PARSER is None or (text.count("*") > MAX_ALIASES and len(ALIASES.findall(text)) > MAX_ALIASES):
        return UNSURE  # each alias the careful reader counts has its own *: few * means few aliases
    try:
        return _events_to_data(_PARSER(text))
    except Exception:  # any failure is the careful reader's to report, in its words
        return UNSURE


def _events_to_data(parser: Any) -> Any:
    get = parser.get_event
    get()  # StreamStartEvent
    start = get()
    if type(start) is not yaml.DocumentStartEvent or start.version or start.tags:
        return UNSURE
    holder: list[Any] = []
    current: Any = holder
    in_mapping = False
    key: Any = _MISSING
    stack: list[tuple[Any, Any, bool]] = []
    cache = _CACHE
    scalar, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    while True:  # the event classes in locals: this loop runs once an event, some 600 times a file
        event = get()
        kind = type(event)
        if kind is scalar:
            if event.anchor is not None or event.tag is not None:
                return UNSURE
            value = event.value
            if event.implicit[0]:  # plain (no tag): resolved as FastLoader resolves it
                value = cache.get(value, _MISSING)
                if value is _MISSING:
                    value = _plain(event.value)
                if value is UNSURE:
                    return UNSURE
            if not in_mapping:
                current.append(value)
            elif key is _MISSING:
                if type(value) is not str or value in current:
                    return UNSURE  # a key that is not text, or repeated: the careful reader's to refuse
                key = value
            else:
                current[key] = value
                key = _MISSING
        elif kind is mapping_start or kind is sequence_start:
            if event.anchor is not None or event.tag is not None or (in_mapping and key is _MISSING):
                return UNSURE  # a collection as a key, or an anchor or tag on it
            if len(stack) >= MAX_DEPTH:
                return UNSURE
            stack.append((current, key, in_mapping))
            in_mapping = kind is mapping_start
            current, key = ({} if in_mapping else []), _MISSING
        elif kind is mapping_end or kind is sequence_end:
            child = current
            current, key, in_mapping = stack.pop()
            if in_mapping:
                current[key] = child
                key = _MISSING
            else:
                current.append(child)
        elif kind is yaml.DocumentEndEvent:
            break
        else:
            return UNSURE  # an alias
    if type(get()) is not yaml.StreamEndEvent:
        return UNSURE  # a second document
    return holder[0]

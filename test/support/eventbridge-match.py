"""Matches events against EventBridge event patterns with moto's implementation of EventBridge.

Reads {"patterns": {name: pattern JSON text}, "events": {name: event}} on stdin and writes
{event name: [names of the matching patterns, sorted]} on stdout. A pattern moto rejects as
invalid fails the run, with moto's reason on stderr.
"""

import json
import sys

from moto.events.models import EventPattern


def main() -> None:
    request = json.load(sys.stdin)
    patterns = {name: EventPattern.load(text) for name, text in request["patterns"].items()}
    result = {
        event_name: sorted(name for name, pattern in patterns.items() if pattern.matches_event(event))
        for event_name, event in request["events"].items()
    }
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()

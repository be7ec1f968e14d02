package dev.praetor.eventsservice.events;

import java.util.UUID;

/** A received event and the workspace it belongs to: events are unique per (workspace, id). */
public record WorkspaceEvent(UUID workspaceId, ReceivedEvent event) {
    record Key(UUID workspaceId, UUID id) {
    }

    Key key() {
        return new Key(workspaceId, event.id());
    }
}

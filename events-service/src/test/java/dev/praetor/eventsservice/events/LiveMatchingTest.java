package dev.praetor.eventsservice.events;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The in-memory rules of live subscriptions, where they differ from plain equality (the SQL twins are tested too). */
class LiveMatchingTest {

    @Test
    void globPatternsMatchTheWholeValueWithStarAndQuestionMark() {
        assertTrue(EventScope.globMatches("prefect.flow-run.*", "prefect.flow-run.1"));
        assertTrue(EventScope.globMatches("*", ""));
        assertTrue(EventScope.globMatches("a?c", "abc"));
        assertTrue(EventScope.globMatches("*b*b", "abab"));
        assertFalse(EventScope.globMatches("prefect.flow-run.*", "prefect.flow.1"));
        assertFalse(EventScope.globMatches("a?c", "ac"));
        assertFalse(EventScope.globMatches("abc", "abcd"));
    }

    @Test
    void negatedPatternsMatchOtherValuesButNeverAMissingLabel() {
        assertTrue(EventScope.globMatches("!etl*", "other"));
        assertFalse(EventScope.globMatches("!etl*", "etl-1"));
        assertFalse(EventScope.globMatches("!etl*", null));
        assertFalse(EventScope.globMatches("*", null));
    }

    @Test
    void aRelatedFilterWithoutRolesNeverMatchesThePrimaryResource() {
        CandidateEvent candidate = candidate(Map.of(Event.RESOURCE_ID, "prefect.flow.1"), List.of());
        EventRelatedFilter byId = new EventRelatedFilter(List.of("prefect.flow.1"), null, null, null);
        assertFalse(byId.includes(candidate));
        EventAnyResourceFilter anyById = new EventAnyResourceFilter(List.of("prefect.flow.1"), null, null);
        assertTrue(anyById.includes(candidate));
    }

    @Test
    void emptyListsConstrainNothing() {
        CandidateEvent candidate = candidate(Map.of(Event.RESOURCE_ID, "prefect.flow-run.1"), List.of());
        assertTrue(new EventNameFilter(List.of(), List.of(), List.of(), List.of()).includes("any.name"));
        assertTrue(new EventIdFilter(List.of()).includes(UUID.randomUUID()));
        assertTrue(new EventRelatedFilter(List.of(), List.of(), List.of(), null).includes(candidate));
    }

    @Test
    void textSearchIncludesExcludesAndRequiresTermsCaseInsensitively() {
        CandidateEvent candidate = candidate(Map.of(Event.RESOURCE_ID, "prefect.flow-run.1",
                "prefect.resource.name", "Crimson-Otter"), List.of());
        assertTrue(new EventTextFilter("otter").includes(candidate));
        assertTrue(new EventTextFilter("nothing crimson").includes(candidate));
        assertFalse(new EventTextFilter("crimson -otter").includes(candidate));
        assertFalse(new EventTextFilter("crimson +nothing").includes(candidate));
    }

    private static CandidateEvent candidate(Map<String, String> resource, List<Map<String, String>> related) {
        return new CandidateEvent(new ReceivedEvent(OffsetDateTime.now(ZoneOffset.UTC), "test.event", resource, related,
                JsonNodeFactory.instance.objectNode(), UUID.randomUUID(), null, OffsetDateTime.now(ZoneOffset.UTC)));
    }
}

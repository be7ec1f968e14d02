package dev.praetor.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RoutingTableTest {

    @ParameterizedTest
    @CsvSource({"/flows/, flows", "/flows, flows", "/flow_runs/x/set_state, runs", "/v2/concurrency_limits/, runs",
            "/ui/flow_runs/history, runs", "/ui/flows/next-runs, deployments", "/work_pools/p/queues, deployments",
            "/artifacts/filter, artifacts", "/block_types/slug/s, config", "/events, events", "/logs/, runs"})
    void resourcesAreRoutedToTheirOwner(String prefectPath, String upstream) {
        assertEquals(upstream, RoutingTable.upstreamFor(prefectPath));
    }

    @ParameterizedTest
    @CsvSource({"/logs/out, events", "/logs/, runs", "/logs/filter, runs", "/logs, runs", "/logs/out/x, runs",
            "/logs/outx, runs", "/events/out, events"})
    void liveLogSocketGoesToEventsWhileOtherLogRoutesStayOnRuns(String prefectPath, String upstream) {
        assertEquals(upstream, RoutingTable.upstreamFor(prefectPath));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "/ui/schemas/validate", "/templates/validate", "/automations/", "/v2", "/ui",
            "/flowsx", "/v3/concurrency_limits"})
    void pathsWithoutAnOwnerAreNotRouted(String prefectPath) {
        assertNull(RoutingTable.upstreamFor(prefectPath));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/flows/../admin", "/flows/./x", "/flows/%2E%2e/x", "/flows/..", "/flows/%2e"})
    void dotSegmentsAreDetected(String path) {
        assertTrue(RoutingTable.hasDotSegment(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/flows/name/.hidden", "/flows/name/...", "/flows/a.b", "/flows/"})
    void namesWithDotsAreNotDotSegments(String path) {
        assertFalse(RoutingTable.hasDotSegment(path));
    }
}

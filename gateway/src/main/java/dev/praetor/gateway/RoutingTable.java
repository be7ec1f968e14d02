package dev.praetor.gateway;

import static java.util.Map.entry;

import java.util.Map;
import java.util.Set;

/**
 * Which upstream service owns a Prefect path, decided by its first segment ({@code /flows/...}) or, under
 * {@code /v2} and {@code /ui}, by its first two ({@code /ui/flows/...}). One owner per resource (ARCHITECTURE.md).
 * A few single routes live with another service than the rest of their resource; they are listed by exact path and
 * win over the prefix ({@code /logs/out}, the live log WebSocket, is served by events-service while every other
 * {@code /logs} route stays on runs-service).
 * Not routed yet, so they answer 404 until a service owns them: {@code ui/schemas}, {@code templates},
 * {@code automations} (whose reads the gateway answers itself, see {@link AutomationRoutes}).
 */
final class RoutingTable {

    static final String FLOWS = "flows";
    static final String RUNS = "runs";
    static final String DEPLOYMENTS = "deployments";
    static final String ARTIFACTS = "artifacts";
    static final String CONFIG = "config";
    static final String EVENTS = "events";

    static final Set<String> UPSTREAM_NAMES = Set.of(FLOWS, RUNS, DEPLOYMENTS, ARTIFACTS, CONFIG, EVENTS);

    private static final Map<String, String> UPSTREAM_BY_PREFIX = Map.ofEntries(
            entry("flows", FLOWS),
            entry("flow_runs", RUNS),
            entry("flow_run_states", RUNS),
            entry("task_runs", RUNS),
            entry("task_run_states", RUNS),
            entry("logs", RUNS),
            entry("concurrency_limits", RUNS),
            entry("v2/concurrency_limits", RUNS),
            entry("ui/flow_runs", RUNS),
            entry("ui/task_runs", RUNS),
            entry("task_workers", RUNS),
            entry("deployments", DEPLOYMENTS),
            entry("work_pools", DEPLOYMENTS),
            entry("work_queues", DEPLOYMENTS),
            entry("ui/flows", DEPLOYMENTS),
            entry("artifacts", ARTIFACTS),
            entry("variables", CONFIG),
            entry("block_types", CONFIG),
            entry("block_schemas", CONFIG),
            entry("block_documents", CONFIG),
            entry("block_capabilities", CONFIG),
            entry("collections", CONFIG),
            entry("saved_searches", CONFIG),
            entry("events", EVENTS));

    /** Exact Prefect paths whose owner differs from their prefix's; looked up before the prefix. */
    private static final Map<String, String> UPSTREAM_BY_EXACT_PATH = Map.of(
            "/logs/out", EVENTS);

    private RoutingTable() {
    }

    /** @return the upstream name, or null when no service owns the path */
    static String upstreamFor(String prefectPath) {
        if (prefectPath.isEmpty() || prefectPath.charAt(0) != '/') {
            return null;
        }
        String exactOwner = UPSTREAM_BY_EXACT_PATH.get(prefectPath);
        if (exactOwner != null) {
            return exactOwner;
        }
        int end = segmentEnd(prefectPath, 1);
        if (end == 3 && (prefectPath.startsWith("v2", 1) || prefectPath.startsWith("ui", 1))) {
            end = segmentEnd(prefectPath, end + 1);
        }
        return UPSTREAM_BY_PREFIX.get(prefectPath.substring(1, end));
    }

    private static int segmentEnd(String path, int from) {
        if (from >= path.length()) {
            return path.length();
        }
        int slash = path.indexOf('/', from);
        return slash < 0 ? path.length() : slash;
    }

    /**
     * True when the path has a {@code .} or {@code ..} segment (plain or percent-encoded). Services would resolve it
     * to a path outside the resource the gateway routed on, so such paths are not forwarded.
     */
    static boolean hasDotSegment(String path) {
        int segmentStart = 0;
        for (int i = 0; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                if (isDotSegment(path, segmentStart, i)) {
                    return true;
                }
                segmentStart = i + 1;
            }
        }
        return false;
    }

    private static boolean isDotSegment(String path, int start, int end) {
        int dots = 0;
        int i = start;
        while (i < end) {
            if (path.charAt(i) == '.') {
                i++;
            } else if (path.regionMatches(true, i, "%2e", 0, 3)) {
                i += 3;
            } else {
                return false;
            }
            dots++;
        }
        return dots == 1 || dots == 2;
    }
}

package dev.praetor.runs.orchestration;

import java.util.Set;

/** Client versions that change how the deployment concurrency rules behave. */
final class ClientVersions {
    /** Clients from this version renew deployment concurrency leases themselves. */
    static final Version MIN_FOR_CONCURRENCY_LEASING = Version.of("3.4.11");
    /** Workers of these versions took deployment concurrency slots client-side; the server must not take another. */
    static final Set<Version> MANAGE_DEPLOYMENT_CONCURRENCY = Set.of(Version.of("3.0.0rc20"), Version.of("3.0.0"),
            Version.of("3.0.1"), Version.of("3.0.2"), Version.of("3.0.3"));
    /** What an unknown client counts as when comparing against {@link #MIN_FOR_CONCURRENCY_LEASING}. */
    static final Version UNKNOWN = Version.of("2.0.0");

    private ClientVersions() {
    }
}

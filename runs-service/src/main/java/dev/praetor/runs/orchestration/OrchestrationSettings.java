package dev.praetor.runs.orchestration;

import java.time.Duration;

/**
 * Server settings the rules read (Prefect's defaults in brackets): {@code praetor.runs.orchestration.*} in
 * application.properties.
 *
 * @param deploymentSlotWait PREFECT_SERVER_DEPLOYMENTS_CONCURRENCY_SLOT_WAIT_SECONDS [30 s]: delay of
 *     {@code AwaitingConcurrencySlot}
 * @param initialDeploymentLease PREFECT_SERVER_CONCURRENCY_INITIAL_DEPLOYMENT_LEASE_DURATION [300 s]
 * @param maxCacheKeyLength PREFECT_SERVER_TASKS_MAX_CACHE_KEY_LENGTH [2000]
 */
public record OrchestrationSettings(Duration deploymentSlotWait, Duration initialDeploymentLease, int maxCacheKeyLength) {
    public static final OrchestrationSettings DEFAULTS = new OrchestrationSettings(Duration.ofSeconds(30),
            Duration.ofSeconds(300), 2000);
}

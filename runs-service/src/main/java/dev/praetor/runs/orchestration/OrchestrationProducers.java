package dev.praetor.runs.orchestration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The server clock and the {@link OrchestrationSettings} ({@code praetor.runs.orchestration.*}, Prefect's defaults). */
@ApplicationScoped
public class OrchestrationProducers {
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    OrchestrationSettings settings(
            @ConfigProperty(name = "praetor.runs.orchestration.deployment-slot-wait-seconds", defaultValue = "30") int slotWait,
            @ConfigProperty(name = "praetor.runs.orchestration.initial-deployment-lease-seconds", defaultValue = "300") int lease,
            @ConfigProperty(name = "praetor.runs.orchestration.max-cache-key-length", defaultValue = "2000") int maxCacheKey) {
        return new OrchestrationSettings(Duration.ofSeconds(slotWait), Duration.ofSeconds(lease), maxCacheKey);
    }
}

package dev.praetor.rest.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** Installs Prefect's JSON conventions on the application's ObjectMapper (used by REST and by our body reader). */
@Singleton
public class PrefectObjectMapperCustomizer implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        PrefectJsonModule.configure(mapper);
    }

    @Override
    public int priority() {
        // Run after Quarkus' own customizers so our date serializers win.
        return MINIMUM_PRIORITY;
    }
}

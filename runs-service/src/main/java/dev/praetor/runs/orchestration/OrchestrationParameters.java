package dev.praetor.runs.orchestration;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Request facts some rules depend on (states-and-orchestration.md §4): the {@code X-PREFECT-API-VERSION} header
 * (null = latest) and the client version from {@code User-Agent: prefect/<version> (API …)} (null = unknown).
 */
public record OrchestrationParameters(Version apiVersion, Version clientVersion) {
    /** Server-initiated transitions: no API version means "latest", no client. */
    public static final OrchestrationParameters SERVER = new OrchestrationParameters(null, null);

    private static final Pattern USER_AGENT = Pattern.compile("prefect/(\\S+)");
    private static final Version V0_8_4 = Version.of("0.8.4");

    public static OrchestrationParameters fromHeaders(String apiVersionHeader, String userAgent) {
        Version client = null;
        if (userAgent != null) {
            Matcher m = USER_AGENT.matcher(userAgent);
            if (m.find()) {
                client = Version.parse(m.group(1));
            }
        }
        return new OrchestrationParameters(Version.parse(apiVersionHeader), client);
    }

    /** Behaviour introduced with API 0.8.4 applies when the header is absent (latest) or at least 0.8.4. */
    public boolean apiAtLeast084() {
        return apiVersion == null || apiVersion.atLeast(V0_8_4);
    }
}

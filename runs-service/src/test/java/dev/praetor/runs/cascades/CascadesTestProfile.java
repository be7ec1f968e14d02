package dev.praetor.runs.cascades;

import dev.praetor.runs.RunsTestProfile;
import java.util.HashMap;
import java.util.Map;

/** The run route profile, with tiny cascade chunks so that a few runs already take several chunks. */
public class CascadesTestProfile extends RunsTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        overrides.put("praetor.cascades.chunk-size", "2");
        overrides.put("praetor.cascades.group-id", CascadesTestProfile.GROUP);
        return overrides;
    }

    static final String GROUP = "runs-service-cascades-test";
}

package dev.praetor.runs.taskruns;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.praetor.rest.json.PrefectBody;

/** Body of {@code PATCH /task_runs/{id}}: only {@code name}; present but null or empty means a new random name. */
public final class TaskRunUpdate implements PrefectBody {
    private boolean namePresent;
    private String name;

    @JsonProperty("name")
    void setName(String value) {
        name = value;
        namePresent = true;
    }

    boolean hasName() {
        return namePresent;
    }

    String name() {
        return name;
    }
}

package dev.praetor.runs.logs;

import dev.praetor.rest.paging.Paging;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The rules of {@code /logs}: no referential checks (logs may name runs not recorded yet), NUL characters removed. */
@ApplicationScoped
public class LogService {
    private static final String NUL = "\u0000";

    @Inject
    LogRepository logs;

    /** Stores every log of the request in one statement, so a request is stored whole or not at all. */
    public Uni<Void> create(UUID workspaceId, List<LogCreate> created) {
        if (created.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<LogCreate> clean = new ArrayList<>(created.size());
        for (LogCreate log : created) {
            clean.add(withoutNul(log));
        }
        return logs.insertAll(workspaceId, clean);
    }

    public Uni<List<Log>> filter(UUID workspaceId, LogReadRequest request) {
        return logs.filter(workspaceId, request, Paging.limit(request.limit()), Paging.offset(request.offset()));
    }

    /** PostgreSQL cannot store NUL in text; Prefect strips it from the name and the message too. */
    private static LogCreate withoutNul(LogCreate log) {
        if (!log.name().contains(NUL) && !log.message().contains(NUL)) {
            return log;
        }
        return new LogCreate(log.name().replace(NUL, ""), log.level(), log.message().replace(NUL, ""), log.timestamp(),
                log.flow_run_id(), log.task_run_id());
    }
}

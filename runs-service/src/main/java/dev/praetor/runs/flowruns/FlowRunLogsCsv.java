package dev.praetor.runs.flowruns;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The CSV of {@code GET /flow_runs/{id}/logs/download} (flow-runs.md §3.14): RFC 4180 quoting, {@code \r\n} line
 * ends, timestamps in Python's {@code str()} form, an empty field for a log without task run.
 */
final class FlowRunLogsCsv {
    static final String HEADER = "timestamp,level,flow_run_id,task_run_id,message\r\n";
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxxx");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx");

    private FlowRunLogsCsv() {
    }

    static String rows(String flowRunId, List<FlowRunRepository.LogLine> lines) {
        StringBuilder csv = new StringBuilder(lines.size() * 128);
        for (FlowRunRepository.LogLine line : lines) {
            csv.append(field(pythonStr(line.timestamp()))).append(',').append(line.level()).append(',').append(flowRunId)
                    .append(',').append(line.taskRunId() == null ? "" : line.taskRunId().toString()).append(',')
                    .append(field(line.message())).append("\r\n");
        }
        return csv.toString();
    }

    /** {@code Content-Disposition} naming the file after the run, as Prefect does. */
    static String contentDisposition(String runName) {
        String encoded = URLEncoder.encode(runName + "-logs.csv", StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"flow-run-logs.csv\"; filename*=UTF-8''" + encoded;
    }

    private static String pythonStr(OffsetDateTime timestamp) {
        return (timestamp.getNano() / 1000 == 0 ? SECONDS : MICROS).format(timestamp);
    }

    private static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}

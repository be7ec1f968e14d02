package dev.praetor.runs.flowruns;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.praetor.rest.filters.StateType;
import dev.praetor.rest.json.PrefectDateTimes;
import dev.praetor.runs.states.StateDetails;
import dev.praetor.runs.states.StateRows;
import dev.praetor.runs.states.StateTypes;
import dev.praetor.runs.states.StoredStateDetails;
import dev.praetor.runs.states.StoredJson;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes the rows of a run query ({@link FlowRunRepository#RUN_COLUMNS} and the current state's columns) straight
 * to the JSON of a list of {@link FlowRunResponse}s, byte for byte what Jackson writes for
 * {@code FlowRunResponse.of(toEntity(row), now)} (FlowRunRowsJsonTest holds the two side by side), without building
 * entities, records and JSON trees per run: stored JSON objects are copied ({@link StoredJson}), state details are
 * re-ordered rather than bound ({@link StoredStateDetails}), columns are read by position, and the few distinct
 * empirical policies are rendered once.
 */
@ApplicationScoped
public class FlowRunRowsJson {
    private static final int POLICY_CACHE_SIZE = 512;
    private static final String JSON_NULL = "null";

    private static final SerializableString ID = name("id");
    private static final SerializableString CREATED = name("created");
    private static final SerializableString UPDATED = name("updated");
    private static final SerializableString NAME = name("name");
    private static final SerializableString FLOW_ID = name("flow_id");
    private static final SerializableString STATE_ID = name("state_id");
    private static final SerializableString DEPLOYMENT_ID = name("deployment_id");
    private static final SerializableString DEPLOYMENT_VERSION = name("deployment_version");
    private static final SerializableString WORK_QUEUE_ID = name("work_queue_id");
    private static final SerializableString WORK_QUEUE_NAME = name("work_queue_name");
    private static final SerializableString FLOW_VERSION = name("flow_version");
    private static final SerializableString PARAMETERS = name("parameters");
    private static final SerializableString IDEMPOTENCY_KEY = name("idempotency_key");
    private static final SerializableString CONTEXT = name("context");
    private static final SerializableString EMPIRICAL_POLICY = name("empirical_policy");
    private static final SerializableString TAGS = name("tags");
    private static final SerializableString LABELS = name("labels");
    private static final SerializableString PARENT_TASK_RUN_ID = name("parent_task_run_id");
    private static final SerializableString STATE_TYPE = name("state_type");
    private static final SerializableString STATE_NAME = name("state_name");
    private static final SerializableString RUN_COUNT = name("run_count");
    private static final SerializableString EXPECTED_START_TIME = name("expected_start_time");
    private static final SerializableString NEXT_SCHEDULED_START_TIME = name("next_scheduled_start_time");
    private static final SerializableString START_TIME = name("start_time");
    private static final SerializableString END_TIME = name("end_time");
    private static final SerializableString TOTAL_RUN_TIME = name("total_run_time");
    private static final SerializableString ESTIMATED_RUN_TIME = name("estimated_run_time");
    private static final SerializableString ESTIMATED_START_TIME_DELTA = name("estimated_start_time_delta");
    private static final SerializableString AUTO_SCHEDULED = name("auto_scheduled");
    private static final SerializableString INFRASTRUCTURE_DOCUMENT_ID = name("infrastructure_document_id");
    private static final SerializableString INFRASTRUCTURE_PID = name("infrastructure_pid");
    private static final SerializableString CREATED_BY = name("created_by");
    private static final SerializableString WORK_POOL_ID = name("work_pool_id");
    private static final SerializableString WORK_POOL_NAME = name("work_pool_name");
    private static final SerializableString STATE = name("state");
    private static final SerializableString JOB_VARIABLES = name("job_variables");
    private static final SerializableString TYPE = name("type");
    private static final SerializableString TIMESTAMP = name("timestamp");
    private static final SerializableString MESSAGE = name("message");
    private static final SerializableString DATA = name("data");
    private static final SerializableString STATE_DETAILS = name("state_details");

    @Inject
    ObjectMapper mapper;

    /** Stored empirical policy text → its JSON as the response writes it (runs share a handful of policies). */
    private final ConcurrentHashMap<String, String> policies = new ConcurrentHashMap<>();
    private volatile String defaultPolicy;
    private volatile ObjectWriter writer;
    private volatile ObjectWriter detailsWriter;

    /** The JSON array of the runs in {@code rows}, with the estimates as of {@code now}. */
    public byte[] write(RowSet<Row> rows, OffsetDateTime now) {
        ByteArrayBuilder out = new ByteArrayBuilder(Math.max(512, rows.size() * 1800));
        try (JsonGenerator gen = writer().createGenerator(out, JsonEncoding.UTF8)) {
            Columns at = new Columns(rows.columnsNames());
            gen.writeStartArray();
            for (Row row : rows) {
                writeRun(gen, row, at, now);
            }
            gen.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void writeRun(JsonGenerator gen, Row row, Columns at, OffsetDateTime now) throws IOException {
        String stateTypeName = row.getString(at.stateType);
        StateType stateType = stateTypeName == null ? null : StateType.valueOf(stateTypeName);
        OffsetDateTime stateTimestamp = row.getOffsetDateTime(at.stateTimestamp);
        OffsetDateTime expectedStartTime = row.getOffsetDateTime(at.expectedStartTime);
        OffsetDateTime startTime = row.getOffsetDateTime(at.startTime);
        double totalRunTime = row.getDouble(at.totalRunTime);
        UUID stateId = row.getUUID(at.stateId);

        gen.writeStartObject();
        gen.writeFieldName(ID);
        uuid(gen, row.getUUID(at.id));
        gen.writeFieldName(CREATED);
        dateTime(gen, row.getOffsetDateTime(at.created));
        gen.writeFieldName(UPDATED);
        dateTime(gen, row.getOffsetDateTime(at.updated));
        gen.writeFieldName(NAME);
        string(gen, row.getString(at.name));
        gen.writeFieldName(FLOW_ID);
        uuid(gen, row.getUUID(at.flowId));
        gen.writeFieldName(STATE_ID);
        uuid(gen, stateId);
        gen.writeFieldName(DEPLOYMENT_ID);
        uuid(gen, row.getUUID(at.deploymentId));
        gen.writeFieldName(DEPLOYMENT_VERSION);
        string(gen, row.getString(at.deploymentVersion));
        gen.writeFieldName(WORK_QUEUE_ID);
        uuid(gen, row.getUUID(at.workQueueId));
        gen.writeFieldName(WORK_QUEUE_NAME);
        string(gen, row.getString(at.workQueueName));
        gen.writeFieldName(FLOW_VERSION);
        string(gen, row.getString(at.flowVersion));
        gen.writeFieldName(PARAMETERS);
        object(gen, row.getString(at.parameters));
        gen.writeFieldName(IDEMPOTENCY_KEY);
        string(gen, row.getString(at.idempotencyKey));
        gen.writeFieldName(CONTEXT);
        object(gen, row.getString(at.context));
        gen.writeFieldName(EMPIRICAL_POLICY);
        gen.writeRawValue(policy(row.getString(at.empiricalPolicy)));
        gen.writeFieldName(TAGS);
        String[] tags = row.getArrayOfStrings(at.tags);
        gen.writeStartArray();
        for (String tag : tags) {
            string(gen, tag);
        }
        gen.writeEndArray();
        gen.writeFieldName(LABELS);
        object(gen, row.getString(at.labels));
        gen.writeFieldName(PARENT_TASK_RUN_ID);
        uuid(gen, row.getUUID(at.parentTaskRunId));
        gen.writeFieldName(STATE_TYPE);
        string(gen, stateType == null ? null : stateType.name());
        gen.writeFieldName(STATE_NAME);
        string(gen, row.getString(at.stateName));
        gen.writeFieldName(RUN_COUNT);
        gen.writeNumber(row.getInteger(at.runCount).intValue());
        gen.writeFieldName(EXPECTED_START_TIME);
        dateTime(gen, expectedStartTime);
        gen.writeFieldName(NEXT_SCHEDULED_START_TIME);
        dateTime(gen, row.getOffsetDateTime(at.nextScheduledStartTime));
        gen.writeFieldName(START_TIME);
        dateTime(gen, startTime);
        gen.writeFieldName(END_TIME);
        dateTime(gen, row.getOffsetDateTime(at.endTime));
        gen.writeFieldName(TOTAL_RUN_TIME);
        gen.writeNumber(totalRunTime);
        gen.writeFieldName(ESTIMATED_RUN_TIME);
        gen.writeNumber(FlowRunResponse.estimatedRunTime(totalRunTime, stateType, stateTimestamp, now));
        gen.writeFieldName(ESTIMATED_START_TIME_DELTA);
        gen.writeNumber(FlowRunResponse.estimatedStartTimeDelta(startTime, expectedStartTime, stateType, now));
        gen.writeFieldName(AUTO_SCHEDULED);
        gen.writeBoolean(row.getBoolean(at.autoScheduled));
        gen.writeFieldName(INFRASTRUCTURE_DOCUMENT_ID);
        uuid(gen, row.getUUID(at.infrastructureDocumentId));
        gen.writeFieldName(INFRASTRUCTURE_PID);
        string(gen, row.getString(at.infrastructurePid));
        gen.writeFieldName(CREATED_BY);
        object(gen, row.getString(at.createdBy));
        gen.writeFieldName(WORK_POOL_ID);
        uuid(gen, row.getUUID(at.workPoolId));
        gen.writeFieldName(WORK_POOL_NAME);
        string(gen, row.getString(at.workPoolName));
        gen.writeFieldName(STATE);
        if (stateId == null) {
            gen.writeNull();
        } else {
            writeState(gen, row, at, stateId);
        }
        gen.writeFieldName(JOB_VARIABLES);
        object(gen, row.getString(at.jobVariables));
        gen.writeEndObject();
    }

    /** The joined state as {@link dev.praetor.runs.states.State} writes it. */
    private void writeState(JsonGenerator gen, Row row, Columns at, UUID stateId) throws IOException {
        StateType type = StateType.valueOf(row.getString(at.sType));
        String name = row.getString(at.sName);
        gen.writeStartObject();
        gen.writeFieldName(ID);
        uuid(gen, stateId);
        gen.writeFieldName(TYPE);
        gen.writeString(type.name());
        gen.writeFieldName(NAME);
        string(gen, name == null ? StateTypes.defaultName(type) : name);
        gen.writeFieldName(TIMESTAMP);
        dateTime(gen, row.getOffsetDateTime(at.sTimestamp));
        gen.writeFieldName(MESSAGE);
        string(gen, row.getString(at.sMessage));
        gen.writeFieldName(DATA);
        value(gen, row.getString(at.sData));
        gen.writeFieldName(STATE_DETAILS);
        String details = row.getString(at.sStateDetails);
        if (details == null) {
            detailsWriter().writeValue(gen, StateDetails.DEFAULTS);
        } else if (!StoredStateDetails.write(gen, details)) {
            detailsWriter().writeValue(gen, mapper.readValue(details, StateDetails.class));
        }
        gen.writeEndObject();
    }

    private static void uuid(JsonGenerator gen, UUID id) throws IOException {
        if (id == null) {
            gen.writeNull();
        } else {
            gen.writeString(id.toString());
        }
    }

    private static void string(JsonGenerator gen, String text) throws IOException {
        if (text == null) {
            gen.writeNull();
        } else {
            gen.writeString(text);
        }
    }

    private static void dateTime(JsonGenerator gen, OffsetDateTime at) throws IOException {
        if (at == null) {
            gen.writeNull();
        } else {
            gen.writeString(PrefectDateTimes.format(at));
        }
    }

    /** A stored JSON column the response holds as an object: anything else (or SQL NULL) is {@code null}. */
    private void object(JsonGenerator gen, String stored) throws IOException {
        if (stored == null || stored.isEmpty() || stored.charAt(0) != '{') {
            gen.writeNull();
            return;
        }
        String compact = StoredJson.compact(stored);
        if (compact != null) {
            gen.writeRawValue(compact);
        } else {
            writer().writeValue(gen, StateRows.parse(mapper, stored));
        }
    }

    /** A stored JSON value of any kind; JSON {@code null} and SQL NULL are both {@code null}. */
    private void value(JsonGenerator gen, String stored) throws IOException {
        if (stored == null || JSON_NULL.equals(stored)) {
            gen.writeNull();
            return;
        }
        String compact = StoredJson.compact(stored);
        if (compact != null) {
            gen.writeRawValue(compact);
        } else {
            JsonNode node = StateRows.parse(mapper, stored);
            if (node == null || node.isNull() || node.isMissingNode()) {
                gen.writeNull();
            } else {
                writer().writeValue(gen, node);
            }
        }
    }

    private String policy(String stored) throws IOException {
        if (stored == null) {
            String rendered = defaultPolicy;
            if (rendered == null) {
                rendered = defaultPolicy = writer().writeValueAsString(FlowRunPolicy.DEFAULTS);
            }
            return rendered;
        }
        String rendered = policies.get(stored);
        if (rendered == null) {
            rendered = writer().writeValueAsString(mapper.readValue(stored, FlowRunPolicy.class));
            if (policies.size() >= POLICY_CACHE_SIZE) {
                policies.clear();
            }
            policies.put(stored, rendered);
        }
        return rendered;
    }

    private ObjectWriter writer() {
        ObjectWriter w = writer;
        if (w == null) {
            w = writer = mapper.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
        }
        return w;
    }

    private ObjectWriter detailsWriter() {
        ObjectWriter w = detailsWriter;
        if (w == null) {
            w = detailsWriter = writer().forType(StateDetails.class);
        }
        return w;
    }

    private static SerializableString name(String name) {
        return new SerializedString(name);
    }

    /** Where each column is in this result (looked up once per query, not once per row and column). */
    private static final class Columns {
        final int id;
        final int created;
        final int updated;
        final int name;
        final int flowId;
        final int deploymentId;
        final int deploymentVersion;
        final int workQueueId;
        final int workQueueName;
        final int workPoolId;
        final int workPoolName;
        final int flowVersion;
        final int parameters;
        final int idempotencyKey;
        final int context;
        final int empiricalPolicy;
        final int tags;
        final int labels;
        final int parentTaskRunId;
        final int stateType;
        final int stateName;
        final int stateTimestamp;
        final int runCount;
        final int expectedStartTime;
        final int nextScheduledStartTime;
        final int startTime;
        final int endTime;
        final int totalRunTime;
        final int autoScheduled;
        final int infrastructureDocumentId;
        final int infrastructurePid;
        final int createdBy;
        final int jobVariables;
        final int stateId;
        final int sType;
        final int sName;
        final int sTimestamp;
        final int sMessage;
        final int sData;
        final int sStateDetails;

        Columns(List<String> names) {
            id = at(names, "id");
            created = at(names, "created");
            updated = at(names, "updated");
            name = at(names, "name");
            flowId = at(names, "flow_id");
            deploymentId = at(names, "deployment_id");
            deploymentVersion = at(names, "deployment_version");
            workQueueId = at(names, "work_queue_id");
            workQueueName = at(names, "work_queue_name");
            workPoolId = at(names, "work_pool_id");
            workPoolName = at(names, "work_pool_name");
            flowVersion = at(names, "flow_version");
            parameters = at(names, "parameters");
            idempotencyKey = at(names, "idempotency_key");
            context = at(names, "context");
            empiricalPolicy = at(names, "empirical_policy");
            tags = at(names, "tags");
            labels = at(names, "labels");
            parentTaskRunId = at(names, "parent_task_run_id");
            stateType = at(names, "state_type");
            stateName = at(names, "state_name");
            stateTimestamp = at(names, "state_timestamp");
            runCount = at(names, "run_count");
            expectedStartTime = at(names, "expected_start_time");
            nextScheduledStartTime = at(names, "next_scheduled_start_time");
            startTime = at(names, "start_time");
            endTime = at(names, "end_time");
            totalRunTime = at(names, "total_run_time");
            autoScheduled = at(names, "auto_scheduled");
            infrastructureDocumentId = at(names, "infrastructure_document_id");
            infrastructurePid = at(names, "infrastructure_pid");
            createdBy = at(names, "created_by");
            jobVariables = at(names, "job_variables");
            stateId = at(names, "s_id");
            sType = at(names, "s_type");
            sName = at(names, "s_name");
            sTimestamp = at(names, "s_timestamp");
            sMessage = at(names, "s_message");
            sData = at(names, "s_data");
            sStateDetails = at(names, "s_state_details");
        }

        private static int at(List<String> names, String column) {
            int index = names.indexOf(column);
            if (index < 0) {
                throw new IllegalStateException("no column " + column + " in the run query");
            }
            return index;
        }
    }
}

package dev.praetor.runs.states;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.praetor.rest.json.PrefectDateTimes;
import java.io.IOException;
import java.time.DateTimeException;

/**
 * A stored {@code state_details} column (jsonb text) written as {@link StateDetails} writes it — every key, in the
 * record's order, flags defaulted to false — without binding it to the record: each value is copied when its stored
 * spelling is already the one the record would write (canonical UUIDs, plain strings, booleans, null), datetimes are
 * re-formatted. {@link #write} answers false, having written nothing, for anything else (a {@code run_input_keyset},
 * an unexpected type or spelling); the caller then binds and writes the record.
 */
public final class StoredStateDetails {
    private static final String[] KEYS = {"flow_run_id", "task_run_id", "child_flow_run_id", "scheduled_time",
        "cache_key", "cache_expiration", "deferred", "untrackable_result", "pause_timeout", "pause_reschedule",
        "pause_key", "run_input_keyset", "refresh_cache", "retriable", "transition_id", "task_parameters_id",
        "traceparent", "deployment_concurrency_lease_id"};
    private static final SerializableString[] NAMES = new SerializableString[KEYS.length];
    private static final int UUID = 0;
    private static final int DATE_TIME = 1;
    private static final int STRING = 2;
    private static final int FLAG = 3;
    private static final int BOOLEAN = 4;
    private static final int MAP = 5;
    private static final int[] KINDS = {UUID, UUID, UUID, DATE_TIME, STRING, DATE_TIME, FLAG, FLAG, DATE_TIME, FLAG,
        STRING, MAP, BOOLEAN, BOOLEAN, UUID, UUID, STRING, UUID};

    static {
        for (int i = 0; i < KEYS.length; i++) {
            NAMES[i] = new SerializedString(KEYS[i]);
        }
    }

    private StoredStateDetails() {
    }

    /** Writes the details object; false (nothing written) when only binding the record is exact. */
    public static boolean write(JsonGenerator gen, String stored) throws IOException {
        String[] values = values(stored);
        if (values == null) {
            return false;
        }
        // check (and prepare) every value before writing anything
        for (int i = 0; i < KEYS.length; i++) {
            String value = values[i];
            if (value == null || value.equals("null")) {
                values[i] = null;
                continue;
            }
            switch (KINDS[i]) {
                case UUID -> {
                    if (!canonicalUuid(value)) {
                        return false;
                    }
                }
                case DATE_TIME -> {
                    if (value.length() < 2 || value.charAt(0) != '"' || value.indexOf('\\') >= 0) {
                        return false;
                    }
                    try {
                        values[i] = "\"" + PrefectDateTimes.format(PrefectDateTimes.parse(
                                value.substring(1, value.length() - 1))) + "\"";
                    } catch (DateTimeException | ArithmeticException e) {
                        return false;
                    }
                }
                case STRING -> {
                    if (value.charAt(0) != '"') {
                        return false;
                    }
                    String compact = StoredJson.compact(value);
                    if (compact == null) {
                        return false;
                    }
                    values[i] = compact;
                }
                case FLAG, BOOLEAN -> {
                    if (!value.equals("true") && !value.equals("false")) {
                        return false;
                    }
                }
                default -> {
                    return false;
                }
            }
        }
        gen.writeStartObject();
        for (int i = 0; i < KEYS.length; i++) {
            gen.writeFieldName(NAMES[i]);
            String value = values[i];
            if (value == null) {
                if (KINDS[i] == FLAG) {
                    gen.writeBoolean(false);
                } else {
                    gen.writeNull();
                }
            } else {
                gen.writeRawValue(value);
            }
        }
        gen.writeEndObject();
        return true;
    }

    /** The stored value text of each known key (unknown keys are ignored, as the record does); null if not an object. */
    private static String[] values(String text) {
        String[] values = new String[KEYS.length];
        int length = text.length();
        int i = skip(text, 0);
        if (i >= length || text.charAt(i) != '{') {
            return null;
        }
        i = skip(text, i + 1);
        if (i < length && text.charAt(i) == '}') {
            return skip(text, i + 1) == length ? values : null;
        }
        while (i < length) {
            if (text.charAt(i) != '"') {
                return null;
            }
            int keyEnd = endOfString(text, i);
            if (keyEnd < 0) {
                return null;
            }
            String key = text.substring(i + 1, keyEnd - 1);
            i = skip(text, keyEnd);
            if (i >= length || text.charAt(i) != ':') {
                return null;
            }
            i = skip(text, i + 1);
            int valueEnd = endOfValue(text, i);
            if (valueEnd <= i) {
                return null;
            }
            int index = indexOf(key);
            if (index >= 0) {
                values[index] = text.substring(i, valueEnd);
            }
            i = skip(text, valueEnd);
            if (i >= length) {
                return null;
            }
            char c = text.charAt(i);
            if (c == '}') {
                return skip(text, i + 1) == length ? values : null;
            }
            if (c != ',') {
                return null;
            }
            i = skip(text, i + 1);
        }
        return null;
    }

    private static int indexOf(String key) {
        for (int k = 0; k < KEYS.length; k++) {
            if (KEYS[k].equals(key)) {
                return k;
            }
        }
        return -1;
    }

    private static int skip(String text, int i) {
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                break;
            }
            i++;
        }
        return i;
    }

    /** The index after the string starting (with its quote) at {@code i}; -1 when it does not end. */
    private static int endOfString(String text, int i) {
        for (int j = i + 1; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == '"') {
                return j + 1;
            }
        }
        return -1;
    }

    /** The index after the value starting at {@code i}; -1 when it does not end. */
    private static int endOfValue(String text, int i) {
        if (i >= text.length()) {
            return -1;
        }
        char first = text.charAt(i);
        if (first == '"') {
            return endOfString(text, i);
        }
        if (first == '{' || first == '[') {
            int depth = 0;
            for (int j = i; j < text.length(); j++) {
                char c = text.charAt(j);
                if (c == '"') {
                    j = endOfString(text, j);
                    if (j < 0) {
                        return -1;
                    }
                    j--;
                } else if (c == '{' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ']') {
                    depth--;
                    if (depth == 0) {
                        return j + 1;
                    }
                }
            }
            return -1;
        }
        int j = i;
        while (j < text.length()) {
            char c = text.charAt(j);
            if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                break;
            }
            j++;
        }
        return j;
    }

    /** {@code "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"} in lowercase hex: what UUID.toString() writes. */
    private static boolean canonicalUuid(String value) {
        if (value.length() != 38 || value.charAt(0) != '"' || value.charAt(37) != '"') {
            return false;
        }
        for (int i = 1; i < 37; i++) {
            char c = value.charAt(i);
            boolean dash = i == 9 || i == 14 || i == 19 || i == 24;
            if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}

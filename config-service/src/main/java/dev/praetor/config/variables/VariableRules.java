package dev.praetor.config.variables;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praetor.rest.errors.Errors;
import java.math.BigInteger;
import java.util.regex.Pattern;

/** Prefect's {@code VariableName} and {@code StrictVariableValue} rules (other-resources.md §1.2). */
final class VariableRules {
    static final int MAX_NAME_LENGTH = 255;
    static final int MAX_VALUE_BYTES = 5000;
    private static final Pattern NAME = Pattern.compile("^[a-z0-9_-]*$");
    /** orjson, which Prefect measures values with, refuses integers outside 64 bits (signed or unsigned). */
    private static final BigInteger MIN_INTEGER = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX_INTEGER = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    /** Compact JSON, non-ASCII as UTF-8: the form whose byte length Prefect limits. */
    private static final ObjectMapper COMPACT = new ObjectMapper();

    private VariableRules() {
    }

    /** The length bound first, then the pattern (Pydantic checks the constraint before the after-validator). */
    static void name(Errors errors, String name) {
        if (name == null) {
            return;
        }
        if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            errors.maxLength("name", name, MAX_NAME_LENGTH);
        } else {
            errors.check(NAME.matcher(name).matches(), "name",
                    "Variable name must only contain lowercase letters, numbers, and dashes or underscores.", name);
        }
    }

    static void value(Errors errors, JsonNode value) {
        if (value == null || value.isNull()) {
            return;
        }
        if (!fitsSixtyFourBits(value)) {
            errors.check(false, "value", "Variable value must be serializable to JSON", value);
            return;
        }
        try {
            errors.check(COMPACT.writeValueAsBytes(value).length <= MAX_VALUE_BYTES, "value",
                    "Variable value must be less than " + MAX_VALUE_BYTES + " characters", value);
        } catch (JsonProcessingException e) {
            errors.check(false, "value", "Variable value must be serializable to JSON", null);
        }
    }

    private static boolean fitsSixtyFourBits(JsonNode value) {
        if (value.isBigInteger()) {
            BigInteger n = value.bigIntegerValue();
            return n.compareTo(MIN_INTEGER) >= 0 && n.compareTo(MAX_INTEGER) <= 0;
        }
        for (JsonNode child : value) {
            if (!fitsSixtyFourBits(child)) {
                return false;
            }
        }
        return true;
    }
}

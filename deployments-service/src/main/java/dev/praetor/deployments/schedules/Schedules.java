package dev.praetor.deployments.schedules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.errors.ValidationError;
import dev.praetor.rest.json.PrefectDateTimes;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a schedule object the way Prefect's union of schedule models does: the shape is told by its required key
 * ({@code interval}, {@code cron} or {@code rrule}), each shape forbids keys of its own that it does not know, and
 * every check reports Prefect's message at the field's location.
 */
public final class Schedules {
    private static final Set<String> INTERVAL_KEYS = Set.of("interval", "anchor_date", "timezone");
    private static final Set<String> CRON_KEYS = Set.of("cron", "timezone", "day_or");
    private static final Set<String> RRULE_KEYS = Set.of("rrule", "timezone");

    private Schedules() {
    }

    /**
     * Parses {@code node}; records errors located under {@code errors} (positioned at the schedule) and returns null
     * when it is invalid. {@code now} fills a missing anchor date and anchors RRULEs without DTSTART.
     */
    public static Schedule parse(JsonNode node, Errors errors, Instant now) {
        if (node == null || !node.isObject()) {
            errors.add(ValidationError.of("model_attributes_type", errors.loc(),
                    "Input should be a valid dictionary or object to extract fields from", node));
            return null;
        }
        int before = errors.list().size();
        Schedule schedule;
        if (node.has("interval")) {
            forbidUnknown(node, INTERVAL_KEYS, errors);
            schedule = interval(node, errors, now);
        } else if (node.has("cron")) {
            forbidUnknown(node, CRON_KEYS, errors);
            schedule = cron(node, errors);
        } else if (node.has("rrule")) {
            forbidUnknown(node, RRULE_KEYS, errors);
            schedule = rrule(node, errors, now);
        } else {
            errors.add(ValidationError.of("missing", errors.loc(), "Field required: a schedule needs one of the keys "
                    + "'interval' (IntervalSchedule), 'cron' (CronSchedule) or 'rrule' (RRuleSchedule)", node));
            return null;
        }
        return errors.list().size() > before ? null : schedule;
    }

    /** A schedule as stored (always valid): no defaults are filled and RRULE text is kept as it is. */
    public static Schedule fromStored(JsonNode node) {
        Errors errors = Errors.forBody();
        Schedule schedule;
        if (node.has("interval")) {
            schedule = interval(node, errors, Instant.EPOCH);
        } else if (node.has("cron")) {
            schedule = cron(node, errors);
        } else {
            schedule = new RRuleSchedule(node.path("rrule").asText(), textOrNull(node.get("timezone")));
        }
        errors.throwIfAny();
        return schedule;
    }

    private static IntervalSchedule interval(JsonNode node, Errors errors, Instant now) {
        Duration interval = duration(node.get("interval"), errors);
        OffsetDateTime anchor = now.atOffset(ZoneOffset.UTC);
        JsonNode anchorNode = node.get("anchor_date");
        if (anchorNode != null) {
            anchor = dateTime(anchorNode, errors.nested("anchor_date"));
        }
        String timezone = timezone(node, errors);
        // Prefect derives a missing timezone from the anchor's IANA zone; parsed offsets never carry one.
        return new IntervalSchedule(interval, anchor, timezone == null ? "UTC" : timezone);
    }

    private static CronSchedule cron(JsonNode node, Errors errors) {
        String cron = requiredText(node, "cron", errors);
        if (cron != null) {
            if (CronExpression.isRandomOrHashed(cron)) {
                valueError(errors, "cron", "Random and Hashed expressions are unsupported, received: \"" + cron + "\"", cron);
            } else {
                try {
                    CronExpression.parse(cron, true);
                } catch (IllegalArgumentException e) {
                    valueError(errors, "cron", "Invalid cron string: \"" + cron + "\"", cron);
                }
            }
        }
        boolean dayOr = true;
        JsonNode dayOrNode = node.get("day_or");
        if (dayOrNode != null) {
            Boolean parsed = bool(dayOrNode);
            if (parsed == null) {
                errors.add(ValidationError.of("bool_parsing", errors.loc("day_or"), "Input should be a valid boolean", dayOrNode));
            } else {
                dayOr = parsed;
            }
        }
        return new CronSchedule(cron, timezone(node, errors), dayOr);
    }

    private static RRuleSchedule rrule(JsonNode node, Errors errors, Instant now) {
        String rrule = requiredText(node, "rrule", errors);
        String timezone = node.has("timezone") ? timezone(node, errors) : "UTC";
        if (rrule == null) {
            return null;
        }
        try {
            RRuleSet.parse(rrule);
        } catch (IllegalArgumentException e) {
            valueError(errors, "rrule", "Invalid RRule string \"" + rrule + "\": " + e.getMessage(), rrule);
            return null;
        }
        if (rrule.length() > RRuleSchedule.MAX_LENGTH) {
            valueError(errors, "rrule", "Invalid RRule string \"" + rrule.substring(0, 40) + "...\"\nMax length is "
                    + RRuleSchedule.MAX_LENGTH + ", got " + rrule.length(), rrule.substring(0, 40) + "...");
            return null;
        }
        return new RRuleSchedule(RRuleSchedule.withDtstart(rrule, timezone, now), timezone);
    }

    private static void forbidUnknown(JsonNode node, Set<String> known, Errors errors) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!known.contains(field.getKey())) {
                errors.add(ValidationError.of("extra_forbidden", errors.loc(field.getKey()), "Extra inputs are not permitted",
                        field.getValue()));
            }
        }
    }

    /** Seconds as a number or numeric string, or an ISO 8601 duration; must be positive. */
    private static Duration duration(JsonNode node, Errors errors) {
        Duration value = null;
        if (node != null && node.isNumber()) {
            value = seconds(node.decimalValue());
        } else if (node != null && node.isTextual()) {
            String text = node.asText().trim();
            try {
                value = seconds(new BigDecimal(text));
            } catch (NumberFormatException notANumber) {
                try {
                    value = Duration.parse(text);
                } catch (DateTimeParseException notAnIsoDuration) {
                    value = null;
                }
            }
        }
        if (value == null) {
            errors.add(ValidationError.of("time_delta_parsing", errors.loc("interval"),
                    "Input should be a valid timedelta", node));
            return null;
        }
        if (value.isNegative() || value.isZero()) {
            valueError(errors, "interval", "interval must be positive", node);
            return null;
        }
        return value;
    }

    private static Duration seconds(BigDecimal seconds) {
        BigDecimal nanos = seconds.movePointRight(9);
        if (nanos.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return null;
        }
        return Duration.ofNanos(nanos.longValue());
    }

    private static OffsetDateTime dateTime(JsonNode node, Errors errors) {
        try {
            if (node.isNumber()) {
                return PrefectDateTimes.fromEpochSeconds(node.decimalValue());
            }
            if (node.isTextual()) {
                return PrefectDateTimes.parse(node.asText());
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            // reported below
        }
        errors.add(ValidationError.of("datetime_from_date_parsing", errors.loc(), "Input should be a valid datetime", node));
        return null;
    }

    private static String timezone(JsonNode node, Errors errors) {
        JsonNode value = node.get("timezone");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            errors.add(ValidationError.of("string_type", errors.loc("timezone"), "Input should be a valid string", value));
            return null;
        }
        String name = value.asText();
        if (!name.isEmpty() && !Timezones.isValid(name)) {
            valueError(errors, "timezone", Timezones.invalidMessage(name), name);
        }
        return name;
    }

    private static String requiredText(JsonNode node, String key, Errors errors) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            errors.add(ValidationError.of("missing", errors.loc(key), "Field required", null));
            return null;
        }
        if (!value.isTextual()) {
            errors.add(ValidationError.of("string_type", errors.loc(key), "Input should be a valid string", value));
            return null;
        }
        return value.asText();
    }

    /** Pydantic's lax booleans: true/false, 1/0 and their usual string spellings. */
    private static Boolean bool(JsonNode node) {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber() && (node.asLong() == 0 || node.asLong() == 1)) {
            return node.asLong() == 1;
        }
        if (node.isTextual()) {
            return switch (node.asText().toLowerCase(Locale.ROOT)) {
                case "true", "1", "yes", "on", "t", "y" -> true;
                case "false", "0", "no", "off", "f", "n" -> false;
                default -> null;
            };
        }
        return null;
    }

    private static void valueError(Errors errors, String field, String message, Object input) {
        errors.check(false, field, message, input);
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}

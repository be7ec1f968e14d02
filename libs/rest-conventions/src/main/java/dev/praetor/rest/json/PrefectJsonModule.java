package dev.praetor.rest.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** Jackson settings that make our JSON read and write like Prefect's (Pydantic) JSON. */
public final class PrefectJsonModule extends SimpleModule {

    public PrefectJsonModule() {
        super("praetor-prefect-json");
        addSerializer(OffsetDateTime.class, new StdSerializer<>(OffsetDateTime.class) {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(PrefectDateTimes.format(value));
            }
        });
        addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(PrefectDateTimes.format(value));
            }
        });
        addDeserializer(OffsetDateTime.class, new StdScalarDeserializer<>(OffsetDateTime.class) {
            @Override
            public OffsetDateTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (p.currentToken() == JsonToken.VALUE_NUMBER_INT || p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
                    return PrefectDateTimes.fromEpochSeconds(p.getDecimalValue());
                }
                if (p.currentToken() != JsonToken.VALUE_STRING) {
                    return (OffsetDateTime) ctxt.handleUnexpectedToken(OffsetDateTime.class, p);
                }
                String text = p.getText();
                try {
                    return PrefectDateTimes.parse(text);
                } catch (DateTimeParseException | ArithmeticException e) {
                    return (OffsetDateTime) ctxt.handleWeirdStringValue(OffsetDateTime.class, text, "Input should be a valid datetime");
                }
            }
        });
        addDeserializer(UUID.class, new StdScalarDeserializer<>(UUID.class) {
            @Override
            public UUID deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (p.currentToken() != JsonToken.VALUE_STRING) {
                    return (UUID) ctxt.handleUnexpectedToken(UUID.class, p);
                }
                String text = p.getText();
                UUID id = Uuids.parseLenient(text);
                if (id == null) {
                    return (UUID) ctxt.handleWeirdStringValue(UUID.class, text, "Input should be a valid UUID");
                }
                return id;
            }
        });
    }

    /** Applies the module and Prefect's strictness rules to a mapper. */
    public static ObjectMapper configure(ObjectMapper mapper) {
        mapper.registerModule(new PrefectJsonModule());
        // Action and filter models forbid unknown keys; top-level bodies opt out with @JsonIgnoreProperties.
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        mapper.configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
        mapper.configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
        mapper.configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        // Pydantic rejects numbers and booleans where a string is declared.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Collection)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        return mapper;
    }
}

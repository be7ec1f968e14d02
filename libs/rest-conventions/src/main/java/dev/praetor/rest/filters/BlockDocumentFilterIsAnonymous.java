package dev.praetor.rest.filters;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.Operator;
import java.io.IOException;

public record BlockDocumentFilterIsAnonymous(Boolean eq_) implements Criterion {
    public static final BlockDocumentFilterIsAnonymous NOT_ANONYMOUS = new BlockDocumentFilterIsAnonymous(false);

    @Override
    public void addTo(Conditions c, String alias) {
        c.nested(Operator.AND, g -> g.eq(alias + ".is_anonymous", eq_));
    }

    /**
     * Reads the criterion normally, but supplies Prefect's default {@code {"eq_": false}} when the key is absent
     * (Jackson asks the deserializer for an "absent value" then, and for a "null value" on an explicit null).
     */
    public static final class AbsentMeansNotAnonymous extends StdDeserializer<BlockDocumentFilterIsAnonymous> {
        public AbsentMeansNotAnonymous() {
            super(BlockDocumentFilterIsAnonymous.class);
        }

        @Override
        public BlockDocumentFilterIsAnonymous deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return ctxt.readValue(p, BlockDocumentFilterIsAnonymous.class);
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return NOT_ANONYMOUS;
        }

        @Override
        public BlockDocumentFilterIsAnonymous getNullValue(DeserializationContext ctxt) {
            return null;
        }
    }
}

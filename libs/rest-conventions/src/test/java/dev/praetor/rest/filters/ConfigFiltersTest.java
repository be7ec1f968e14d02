package dev.praetor.rest.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praetor.rest.errors.RequestValidationException;
import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Relations;
import dev.praetor.rest.filter.SqlParams;
import dev.praetor.rest.json.PrefectBody;
import dev.praetor.rest.json.PrefectBodyReader;
import dev.praetor.rest.json.PrefectJsonModule;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The filter records whose JSON binding has a twist: defaults for absent keys, a filter without an operator. */
class ConfigFiltersTest {
    private static final ObjectMapper MAPPER = PrefectJsonModule.configure(new ObjectMapper());

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Body(BlockDocumentFilter block_documents, BlockTypeFilter block_types, ArtifactFilter artifacts)
            implements PrefectBody {
    }

    private static Body read(String json) {
        return PrefectBodyReader.read(MAPPER, Body.class, json.getBytes(StandardCharsets.UTF_8));
    }

    private static String sql(Body body) {
        Conditions conditions = Conditions.all(new SqlParams(), Relations.NONE);
        conditions.nested(body.block_documents(), "d").nested(body.artifacts(), "a");
        return conditions.toSql();
    }

    @Test
    void absentIsAnonymousMeansNotAnonymous() {
        Body body = read("{\"block_documents\": {\"name\": {\"any_\": [\"x\"]}}}");
        assertEquals(BlockDocumentFilterIsAnonymous.NOT_ANONYMOUS, body.block_documents().is_anonymous());
        assertEquals("(d.is_anonymous = $1 AND d.name = ANY($2::text[]))", sql(body));
    }

    @Test
    void explicitNullIsAnonymousMeansNoCondition() {
        Body body = read("{\"block_documents\": {\"is_anonymous\": null}}");
        assertEquals(null, body.block_documents().is_anonymous());
        assertEquals("TRUE", sql(body));
    }

    @Test
    void givenIsAnonymousIsKept() {
        Body body = read("{\"block_documents\": {\"is_anonymous\": {\"eq_\": true}}}");
        assertEquals(true, body.block_documents().is_anonymous().eq_());
    }

    @Test
    void unknownKeyInsideIsAnonymousIsLocatedThere() {
        RequestValidationException e = assertThrows(RequestValidationException.class,
                () -> read("{\"block_documents\": {\"is_anonymous\": {\"eq_\": true, \"bogus\": 1}}}"));
        assertEquals(List.of("body", "block_documents", "is_anonymous", "bogus"), e.errors().get(0).loc());
    }

    @Test
    void blockTypeFilterHasNoOperator() {
        RequestValidationException e = assertThrows(RequestValidationException.class,
                () -> read("{\"block_types\": {\"operator\": \"and_\"}}"));
        assertEquals("extra_forbidden", e.errors().get(0).type());
    }

    @Test
    void artifactKeyExistsIsANullTest() {
        assertEquals("a.key IS NOT NULL", sql(read("{\"artifacts\": {\"key\": {\"exists_\": true}}}")));
        assertEquals("a.key IS NULL", sql(read("{\"artifacts\": {\"key\": {\"exists_\": false}}}")));
    }
}

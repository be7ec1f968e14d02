package dev.praetor.rest.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.errors.RequestValidationException;
import dev.praetor.rest.errors.ValidationError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JSON-array bodies ({@code POST /logs/}): every element is bound and checked; any failure rejects the request. */
class PrefectBodyReaderListTest {
    private static final ObjectMapper MAPPER = PrefectJsonModule.configure(new ObjectMapper());

    record Item(String name, Integer level) implements PrefectBody {
        @Override
        public void validate(Errors errors) {
            errors.required("name", name);
        }
    }

    private static List<Item> read(String json) {
        return PrefectBodyReader.readList(MAPPER, Item.class, json.getBytes(StandardCharsets.UTF_8));
    }

    private static List<ValidationError> errors(String json) {
        return assertThrows(RequestValidationException.class, () -> read(json)).errors();
    }

    @Test
    void readsEveryElement() {
        assertEquals(List.of(new Item("a", 1), new Item("b", null)), read("[{\"name\": \"a\", \"level\": 1}, {\"name\": \"b\"}]"));
        assertEquals(List.of(), read("[]"));
    }

    @Test
    void errorsAreLocatedByIndex() {
        List<ValidationError> errors = errors("[{\"name\": \"a\"}, {\"level\": 2}, {\"name\": \"c\", \"level\": \"x\"}]");
        assertEquals(List.of("body", 1, "name"), errors.get(0).loc());
        assertEquals("missing", errors.get(0).type());
        assertEquals(List.of("body", 2, "level"), errors.get(1).loc());
        assertEquals("int_parsing", errors.get(1).type());
    }

    @Test
    void unknownKeysAreRejected() {
        ValidationError error = errors("[{\"name\": \"a\", \"worker_id\": null}]").get(0);
        assertEquals("extra_forbidden", error.type());
        assertEquals(List.of("body", 0, "worker_id"), error.loc());
    }

    @Test
    void theBodyMustBeAListOfObjects() {
        assertEquals("list_type", errors("{\"name\": \"a\"}").get(0).type());
        assertEquals(List.of("body", 0), errors("[1]").get(0).loc());
        assertEquals("missing", errors("").get(0).type());
        assertEquals("json_invalid", errors("[{").get(0).type());
    }
}

package dev.praetor.rest.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.errors.PrefectHttpException;
import dev.praetor.rest.errors.RequestValidationException;
import dev.praetor.rest.errors.ValidationError;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads every {@link PrefectBody} the way Prefect's server does: any or no Content-Type is JSON (old clients sent
 * none), an empty body means "all defaults", and every failure becomes Prefect's 422 body echoing the request.
 * A {@code List<X>} of such bodies is read from a JSON array ({@code POST /logs/}, {@code POST /events}): every
 * element is bound and checked, and any failure rejects the whole request.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
public class PrefectBodyReader implements MessageBodyReader<Object> {
    private final ObjectMapper mapper;
    private final long maxBodyBytes;

    @Inject
    public PrefectBodyReader(ObjectMapper mapper,
            @ConfigProperty(name = "praetor.rest.max-body-bytes", defaultValue = "5242880") long maxBodyBytes) {
        this.mapper = mapper;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return PrefectBody.class.isAssignableFrom(type) || listElementType(type, genericType) != null;
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        byte[] bytes = entityStream.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
        if (bytes.length > maxBodyBytes) {
            throw new PrefectHttpException(413, "Request body too large.");
        }
        Class<?> elementType = listElementType(type, genericType);
        return elementType != null ? readList(mapper, elementType, bytes) : read(mapper, type, bytes);
    }

    /** The element class of {@code List<X extends PrefectBody>}, else null. */
    private static Class<?> listElementType(Class<?> type, Type genericType) {
        if (type != List.class || !(genericType instanceof ParameterizedType parameterized)) {
            return null;
        }
        Type element = parameterized.getActualTypeArguments()[0];
        return element instanceof Class<?> c && PrefectBody.class.isAssignableFrom(c) ? c : null;
    }

    /**
     * Binds and validates {@code bytes} as a JSON array of {@code elementType}; errors are located at
     * {@code ["body", index, ...]}. Unlike an object body, an empty body is missing (FastAPI requires a list body).
     */
    public static <T> List<T> readList(ObjectMapper mapper, Class<T> elementType, byte[] bytes) {
        if (isBlank(bytes)) {
            throw new RequestValidationException(List.of(ValidationError.of("missing", List.of("body"), "Field required",
                    null)), null);
        }
        // The common case (a valid array) is bound in one streaming pass; the tree is built only to report errors.
        List<T> values;
        try {
            values = mapper.readerForListOf(elementType).readValue(bytes);
        } catch (IOException e) {
            values = null;
        }
        if (values != null && !values.contains(null)) {
            List<ValidationError> errors = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                Errors elementErrors = Errors.forBodyItem(i);
                ((PrefectBody) values.get(i)).validate(elementErrors);
                errors.addAll(elementErrors.list());
            }
            if (errors.isEmpty()) {
                return values;
            }
        }
        return readListReportingErrors(mapper, elementType, bytes);
    }

    /** The slow path of {@link #readList}: binds element by element from the tree, collecting every error. */
    private static <T> List<T> readListReportingErrors(ObjectMapper mapper, Class<T> elementType, byte[] bytes) {
        JsonNode tree;
        try {
            tree = mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new RequestValidationException(List.of(JsonErrors.fromParse(e)), abbreviate(bytes));
        } catch (IOException e) {
            throw new PrefectHttpException(400, "Could not read the request body.");
        }
        if (tree == null || !tree.isArray()) {
            throw new RequestValidationException(List.of(ValidationError.of("list_type", List.of("body"),
                    "Input should be a valid list", tree)), tree);
        }
        List<T> values = new ArrayList<>(tree.size());
        List<ValidationError> errors = new ArrayList<>();
        for (int i = 0; i < tree.size(); i++) {
            JsonNode element = tree.get(i);
            if (!element.isObject()) {
                errors.add(ValidationError.of("model_attributes_type", List.of("body", i),
                        "Input should be a valid dictionary or object to extract fields from", element));
                continue;
            }
            T value;
            try {
                value = mapper.treeToValue(element, elementType);
            } catch (JsonMappingException e) {
                errors.add(JsonErrors.fromMapping(e, tree, List.of(i)));
                continue;
            } catch (JsonProcessingException e) {
                errors.add(JsonErrors.fromParse(e));
                continue;
            }
            Errors elementErrors = Errors.forBodyItem(i);
            ((PrefectBody) value).validate(elementErrors);
            errors.addAll(elementErrors.list());
            values.add(value);
        }
        if (!errors.isEmpty()) {
            throw new RequestValidationException(errors, tree);
        }
        return values;
    }

    /** Binds and validates {@code bytes} as {@code type}; public so non-JAX-RS entry points share the rules. */
    public static <T> T read(ObjectMapper mapper, Class<T> type, byte[] bytes) {
        JsonNode tree;
        if (isBlank(bytes)) {
            tree = mapper.createObjectNode();
        } else {
            try {
                tree = mapper.readTree(bytes);
            } catch (JsonProcessingException e) {
                throw new RequestValidationException(List.of(JsonErrors.fromParse(e)), abbreviate(bytes));
            } catch (IOException e) {
                throw new PrefectHttpException(400, "Could not read the request body.");
            }
            if (tree == null || tree.isNull()) {
                tree = mapper.createObjectNode();
            }
        }
        if (!tree.isObject()) {
            throw new RequestValidationException(List.of(ValidationError.of("model_attributes_type", List.of("body"),
                    "Input should be a valid dictionary or object to extract fields from", tree)), tree);
        }
        T value;
        try {
            value = mapper.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            throw new RequestValidationException(List.of(JsonErrors.fromMapping(e, tree)), tree);
        } catch (JsonProcessingException e) {
            throw new RequestValidationException(List.of(JsonErrors.fromParse(e)), tree);
        }
        if (value instanceof PrefectBody body) {
            Errors errors = Errors.forBody();
            body.validate(errors);
            try {
                errors.throwIfAny();
            } catch (RequestValidationException e) {
                throw e.withRequestBody(tree);
            }
        }
        return value;
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(byte[] bytes) {
        int n = Math.min(bytes.length, 1024);
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }
}

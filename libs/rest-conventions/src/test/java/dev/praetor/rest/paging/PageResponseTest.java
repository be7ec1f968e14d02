package dev.praetor.rest.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.praetor.rest.errors.PrefectHttpException;
import dev.praetor.rest.errors.RequestValidationException;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageResponseTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void paginateAsksForThePagesOffsetAndCountsThePages() {
        List<Integer> asked = new ArrayList<>();
        PageResponse<String> page = PageResponse.<String>paginate(10, 3, (limit, offset) -> {
            asked.add(limit);
            asked.add(offset);
            return Uni.createFrom().item(List.of("a"));
        }, Uni.createFrom().item(21L)).await().atMost(WAIT);
        assertEquals(List.of(10, 20), asked);
        assertEquals(new PageResponse<>(List.of("a"), 21, 10, 3, 3), page);
    }

    @Test
    void paginateDefaultsToTheFirstPageOf200() {
        PageResponse<String> page = PageResponse.<String>paginate(null, null,
                (limit, offset) -> Uni.createFrom().item(List.of()), Uni.createFrom().item(0L)).await().atMost(WAIT);
        assertEquals(new PageResponse<>(List.of(), 0, 200, 0, 1), page);
    }

    @Test
    void paginatePastAnyOffsetAnswersAnEmptyPageWithoutQuerying() {
        PageResponse<String> page = PageResponse.<String>paginate(200, Integer.MAX_VALUE, (limit, offset) -> {
            throw new AssertionError("queried at offset " + offset);
        }, Uni.createFrom().item(5L)).await().atMost(WAIT);
        assertEquals(new PageResponse<>(List.of(), 5, 200, 1, Integer.MAX_VALUE), page);
    }

    @Test
    void paginateRejectsALimitOrPageOutOfRange() {
        assertEquals(422, assertThrows(PrefectHttpException.class, () -> PageResponse.<String>paginate(201, 1,
                (limit, offset) -> Uni.createFrom().item(List.of()), Uni.createFrom().item(0L))).status());
        assertThrows(RequestValidationException.class, () -> PageResponse.<String>paginate(10, 0,
                (limit, offset) -> Uni.createFrom().item(List.of()), Uni.createFrom().item(0L)));
    }
}

package dev.praetor.rest.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.praetor.rest.errors.PrefectHttpException;
import dev.praetor.rest.errors.RequestValidationException;
import org.junit.jupiter.api.Test;

class PagingTest {

    @Test
    void limitDefaultsTo200AndAcceptsZero() {
        assertEquals(200, Paging.limit(null));
        assertEquals(0, Paging.limit(0));
    }

    @Test
    void limitOutOfRangeIsA422WithPrefectsDetail() {
        PrefectHttpException high = assertThrows(PrefectHttpException.class, () -> Paging.limit(201));
        assertEquals(422, high.status());
        assertEquals("Invalid limit: must be less than or equal to 200.", high.detail());
        assertEquals("Invalid limit: must be greater than or equal to 0.",
                assertThrows(PrefectHttpException.class, () -> Paging.limit(-1)).detail());
    }

    @Test
    void negativeOffsetAndPageZeroAreValidationErrors() {
        assertEquals("greater_than_equal", assertThrows(RequestValidationException.class, () -> Paging.offset(-1)).errors().get(0).type());
        assertEquals("greater_than_equal", assertThrows(RequestValidationException.class, () -> Paging.page(0)).errors().get(0).type());
    }

    @Test
    void pagesRoundUpAndAreZeroForLimitZero() {
        assertEquals(6, PageResponse.of(java.util.List.of(), 57, 10, 1).pages());
        assertEquals(0, PageResponse.of(java.util.List.of(), 57, 0, 1).pages());
    }
}

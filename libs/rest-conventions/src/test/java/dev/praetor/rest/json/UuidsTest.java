package dev.praetor.rest.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidsTest {

    @Test
    void batchIdsAreDistinctVersion7IdsOfNow() {
        long before = System.currentTimeMillis();
        UUID[] ids = Uuids.timeOrdered(1000);
        long after = System.currentTimeMillis();
        assertEquals(1000, new HashSet<>(Arrays.asList(ids)).size());
        for (UUID id : ids) {
            assertEquals(7, id.version());
            assertEquals(2, id.variant());
            long millis = id.getMostSignificantBits() >>> 16;
            assertTrue(millis >= before && millis <= after);
        }
    }
}

package dev.praetor.runs.concurrency;

/**
 * No slot is free: answered {@code 423} with {@code {"detail": ...}} and a numeric {@code Retry-After} header (seconds,
 * possibly fractional) that the client sleeps before retrying; a null {@code retryAfter} sends no header.
 */
public class ConcurrencyLocked extends RuntimeException {
    private final String detail;
    private final String retryAfter;

    public ConcurrencyLocked(String detail, String retryAfter) {
        super(detail, null, false, false);
        this.detail = detail;
        this.retryAfter = retryAfter;
    }

    public String detail() {
        return detail;
    }

    public String retryAfter() {
        return retryAfter;
    }
}

package dev.praetor.rest.errors;

/** An HTTP error answered with Prefect's {@code {"detail": ...}} body. */
public class PrefectHttpException extends RuntimeException {
    private final int status;
    private final transient Object detail;

    public PrefectHttpException(int status, Object detail) {
        super(String.valueOf(detail), null, false, false);
        this.status = status;
        this.detail = detail;
    }

    public static PrefectHttpException notFound(String detail) {
        return new PrefectHttpException(404, detail);
    }

    public static PrefectHttpException conflict(String detail) {
        return new PrefectHttpException(409, detail);
    }

    public static PrefectHttpException unprocessable(String detail) {
        return new PrefectHttpException(422, detail);
    }

    public int status() {
        return status;
    }

    public Object detail() {
        return detail;
    }
}

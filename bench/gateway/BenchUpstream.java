import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in upstream for the gateway benchmark: a plain Vert.x server (no framework) so that the figures measure
 * the gateway, not the service. Any GET answers a small flow-shaped JSON body; any other method echoes its body;
 * /q/health/ready answers 200 like a Quarkus service.
 *
 * Run from the repository root: java -cp "gateway/target/quarkus-app/lib/main/*" bench/gateway/BenchUpstream.java PORT [EVENT_LOOPS]
 */
public class BenchUpstream {

    private static final Buffer FLOW = Buffer.buffer(("{\"id\":\"6f6b1f0e-5f4e-4a43-9d5b-3f2a1c0b9e8d\","
            + "\"created\":\"2025-03-01T14:05:09.123456Z\",\"updated\":\"2025-03-01T14:05:09.123456Z\","
            + "\"name\":\"etl\",\"tags\":[\"nightly\"],\"labels\":{}}").getBytes(StandardCharsets.UTF_8));
    private static final Buffer READY = Buffer.buffer("{\"status\":\"UP\",\"checks\":[]}");
    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        int eventLoops = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
        for (int i = 0; i < eventLoops; i++) {
            vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true))
                    .requestHandler(request -> {
                        if (request.method().name().equals("GET")) {
                            Buffer body = request.path().equals("/q/health/ready") ? READY : FLOW;
                            request.response().putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(body);
                        } else {
                            request.body().onSuccess(body ->
                                    request.response().putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(body));
                        }
                    })
                    .listen(port, "127.0.0.1")
                    .onFailure(failure -> {
                        failure.printStackTrace();
                        System.exit(1);
                    });
        }
        System.out.println("bench upstream listening on 127.0.0.1:" + port);
    }
}

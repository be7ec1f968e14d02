package dev.praetor.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts an {@link EchoUpstream} and routes the flows and events upstreams to it; the runs upstream points at a
 * port where nothing listens (unless the init argument {@value #RUNS_DOWN} is "false", then it is left out), and the
 * other upstreams stay unconfigured.
 */
public class EchoUpstreamResource implements QuarkusTestResourceLifecycleManager {

    static final String RUNS_DOWN = "runs-down";

    private EchoUpstream upstream;
    private boolean runsDown = true;

    @Override
    public void init(Map<String, String> initArgs) {
        runsDown = !"false".equals(initArgs.get(RUNS_DOWN));
    }

    @Override
    public Map<String, String> start() {
        upstream = new EchoUpstream();
        String url = "http://127.0.0.1:" + upstream.start();
        Map<String, String> config = new HashMap<>();
        config.put("praetor.gateway.upstream.flows", url);
        config.put("praetor.gateway.upstream.events", url);
        if (runsDown) {
            config.put("praetor.gateway.upstream.runs", "http://127.0.0.1:" + closedPort());
        }
        return config;
    }

    @Override
    public void stop() {
        upstream.stop();
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.praetor.gateway;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.streams.Pipe;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Forwards a request to its upstream over the upstream's pooled keep-alive connections and streams both bodies
 * through with back-pressure: nothing is buffered whole, so memory per request stays small whatever the body size.
 * WebSocket upgrades (events, logs and task-run subscriptions) become a byte tunnel once the service accepts them.
 */
@Singleton
public class ReverseProxy {

    private static final Logger LOG = Logger.getLogger(ReverseProxy.class);

    /** Failures are handled through the response future; without a handler Vert.x would log each one again. */
    private static final Handler<Throwable> HANDLED_ELSEWHERE = failure -> {
    };
    private static final CharSequence CONTINUE = HttpHeaders.createOptimized("100-continue");

    private final long maxBodyBytes;
    private final long drainLimitBytes;
    private final long upstreamTimeoutMillis;
    private final long connectTimeoutMillis;

    ReverseProxy(GatewayConfig config) {
        this.maxBodyBytes = config.maxBodyBytes();
        // After refusing a body the gateway reads the rest of it so that the client gets to read the refusal, but a
        // client that keeps sending far beyond the limit is cut off.
        this.drainLimitBytes = 4 * config.maxBodyBytes();
        this.upstreamTimeoutMillis = config.upstreamTimeout().toMillis();
        this.connectTimeoutMillis = config.upstreamConnectTimeout().toMillis();
    }

    void forward(HttpServerRequest request, Upstream upstream, ApiPath path, WorkspaceScope scope) {
        forward(request, upstream, path, scope, null);
    }

    /**
     * @param firstFrameCheck for a WebSocket upgrade that carried no credentials: checks the token of the client's
     *                        first frame before the tunnel joins (null: no check)
     */
    void forward(HttpServerRequest request, Upstream upstream, ApiPath path, WorkspaceScope scope,
            Function<String, Future<Boolean>> firstFrameCheck) {
        Exchange exchange = new Exchange(request, upstream, path, scope);
        exchange.firstFrameCheck = firstFrameCheck;
        if (ProxyHeaders.isWebSocketUpgrade(request)) {
            exchange.tunnel();
        } else {
            exchange.start();
        }
    }

    /** One client request and its upstream counterpart. All callbacks run on the client connection's context. */
    private final class Exchange {
        private final HttpServerRequest request;
        private final HttpServerResponse response;
        private final Upstream upstream;
        private final ApiPath path;
        private final WorkspaceScope scope;
        private HttpClientRequest upstreamRequest;
        private HttpClientResponse upstreamResponse;
        private boolean hasBody;
        private boolean chunked;
        private long bodyBytes;
        private Function<String, Future<Boolean>> firstFrameCheck;
        /** Set once the gateway answers on its own (error, 413): from then on the client's body is discarded. */
        private boolean answered;

        Exchange(HttpServerRequest request, Upstream upstream, ApiPath path, WorkspaceScope scope) {
            this.request = request;
            this.response = request.response();
            this.upstream = upstream;
            this.path = path;
            this.scope = scope;
        }

        void start() {
            // The request arrives paused; keep it so until there is an upstream request to write its body to.
            request.pause();
            MultiMap headers = request.headers();
            String contentLength = headers.get(HttpHeaders.CONTENT_LENGTH);
            long declaredLength = contentLength == null ? -1 : Long.parseLong(contentLength);
            boolean expectsContinue = headers.contains(HttpHeaders.EXPECT, CONTINUE, true);
            if (declaredLength > maxBodyBytes) {
                if (expectsContinue) {
                    refuseUnsentBody();
                } else {
                    answer(413, JsonResponses.BODY_TOO_LARGE);
                }
                return;
            }
            chunked = headers.contains(HttpHeaders.TRANSFER_ENCODING);
            hasBody = chunked || declaredLength > 0;
            if (hasBody && expectsContinue) {
                response.writeContinue();
            }
            upstream.client().request(upstreamOptions()).onComplete(this::onUpstreamRequest);
        }

        private RequestOptions upstreamOptions() {
            return new RequestOptions()
                    .setServer(upstream.address())
                    .setMethod(request.method())
                    .setURI(upstreamUri())
                    .setConnectTimeout(connectTimeoutMillis);
        }

        /** The client's raw URI with the prefix cut off: path and query reach the service byte for byte. */
        private String upstreamUri() {
            String uri = request.uri();
            if (uri.startsWith("/")) {
                return uri.substring(path.prefixLength());
            }
            String query = request.query();
            return query == null ? path.prefectPath() : path.prefectPath() + '?' + query;
        }

        private void onUpstreamRequest(AsyncResult<HttpClientRequest> connected) {
            if (connected.failed()) {
                answerUnreachable(connected.cause());
                return;
            }
            upstreamRequest = connected.result();
            upstreamRequest.exceptionHandler(HANDLED_ELSEWHERE);
            upstreamRequest.idleTimeout(upstreamTimeoutMillis);
            MultiMap headers = upstreamRequest.headers();
            ProxyHeaders.copyRequestHeaders(request.headers(), headers, false);
            setScopeHeaders(headers);
            if (hasBody && !headers.contains(HttpHeaders.CONTENT_TYPE) && mayDefaultContentType(request.method())) {
                // Clients before prefect 3.6.19 sent JSON bodies without a Content-Type; Prefect reads them as JSON.
                headers.set(HttpHeaders.CONTENT_TYPE, JsonResponses.APPLICATION_JSON);
            }
            upstreamRequest.response().onComplete(this::onUpstreamResponse);
            response.closeHandler(this::onClientClosed);
            if (!hasBody) {
                upstreamRequest.end();
                request.resume();
                return;
            }
            upstreamRequest.setChunked(chunked);
            request.handler(this::onRequestData);
            request.endHandler(this::onRequestEnd);
            request.exceptionHandler(failure -> upstreamRequest.reset());
            request.resume();
        }

        private void setScopeHeaders(MultiMap headers) {
            headers.set(ProxyHeaders.WORKSPACE_ID, scope.workspaceId());
            if (scope.accountId() != null) {
                headers.set(ProxyHeaders.ACCOUNT_ID, scope.accountId());
            }
            headers.set(ProxyHeaders.FORWARDED_PREFIX, request.path().substring(0, path.prefixLength()));
        }

        private void onRequestData(Buffer chunk) {
            bodyBytes += chunk.length();
            if (answered) {
                if (bodyBytes > drainLimitBytes) {
                    request.connection().close();
                }
                return;
            }
            if (bodyBytes > maxBodyBytes) {
                // Only a chunked body can get here: a declared length was checked before connecting. Answer first:
                // the reset fails the upstream response at once, and that failure must find the exchange answered.
                answer(413, JsonResponses.BODY_TOO_LARGE);
                upstreamRequest.reset();
                return;
            }
            upstreamRequest.write(chunk);
            if (upstreamRequest.writeQueueFull()) {
                request.pause();
                upstreamRequest.drainHandler(drained -> request.resume());
            }
        }

        private void onRequestEnd(Void ended) {
            if (!answered) {
                upstreamRequest.end();
            }
        }

        private void onUpstreamResponse(AsyncResult<HttpClientResponse> outcome) {
            if (answered) {
                return;
            }
            if (outcome.failed()) {
                answerUpstreamFailure(outcome.cause());
                return;
            }
            relay(outcome.result());
        }

        /** No connection to the service: the Python client retries a 503. Logged at debug: an outage is per request. */
        private void answerUnreachable(Throwable failure) {
            LOG.debugf("Upstream %s unreachable for %s %s: %s", upstream.name(), request.method(), request.uri(),
                    failure.getMessage());
            answer(503, JsonResponses.SERVICE_UNAVAILABLE);
        }

        /** The service took the request but gave no answer in time, or broke the connection. */
        private void answerUpstreamFailure(Throwable failure) {
            LOG.warnf("Upstream %s failed %s %s: %s", upstream.name(), request.method(), request.uri(),
                    failure.getMessage());
            if (failure instanceof TimeoutException) {
                answer(504, JsonResponses.GATEWAY_TIMEOUT);
            } else {
                answer(502, JsonResponses.BAD_GATEWAY);
            }
        }

        /** Streams an upstream answer to the client: status, end-to-end headers, body. */
        private void relay(HttpClientResponse serviceResponse) {
            upstreamResponse = serviceResponse;
            int status = serviceResponse.statusCode();
            response.setStatusCode(status);
            ProxyHeaders.copyResponseHeaders(serviceResponse.headers(), response.headers());
            if (!response.headers().contains(HttpHeaders.CONTENT_LENGTH) && mayHaveBody(status)) {
                response.setChunked(true);
            }
            serviceResponse.handler(this::onUpstreamData);
            serviceResponse.endHandler(ended -> response.end());
            serviceResponse.exceptionHandler(failure -> response.reset());
        }

        private boolean mayHaveBody(int status) {
            return status >= 200 && status != 204 && status != 304 && !HttpMethod.HEAD.equals(request.method());
        }

        private void onUpstreamData(Buffer chunk) {
            response.write(chunk);
            if (response.writeQueueFull()) {
                upstreamResponse.pause();
                response.drainHandler(drained -> upstreamResponse.resume());
            }
        }

        private void onClientClosed(Void closed) {
            if (!response.ended()) {
                // Free the upstream connection rather than let the service stream into a closed client.
                answered = true;
                upstreamRequest.reset();
            }
        }

        /**
         * Answers on the gateway's behalf. The client may still be sending its body: it is read and discarded (up to
         * a bound) because HTTP clients send the whole body before they read, and it keeps the connection usable.
         */
        private void answer(int status, Buffer body) {
            answered = true;
            if (response.headWritten()) {
                // Too late for a clean answer: cut the exchange so the client cannot take a partial body as whole.
                response.reset();
                return;
            }
            response.headers().clear();
            JsonResponses.send(response, status, body);
            if (!request.isEnded()) {
                request.handler(this::onRequestData);
                request.endHandler(null);
                request.resume();
            }
        }

        /**
         * Refuses a body the client announced with {@code Expect: 100-continue} and has not sent: it may never come,
         * so the connection cannot carry another request and is closed after the answer.
         */
        private void refuseUnsentBody() {
            answered = true;
            response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            JsonResponses.send(response, 413, JsonResponses.BODY_TOO_LARGE)
                    .onComplete(sent -> request.connection().close());
        }

        private static boolean mayDefaultContentType(HttpMethod method) {
            return HttpMethod.POST.equals(method) || HttpMethod.PUT.equals(method) || HttpMethod.PATCH.equals(method);
        }

        /** Forwards a WebSocket upgrade; once the service switches protocols both connections become one tunnel. */
        void tunnel() {
            request.pause();
            upstream.client().request(upstreamOptions()).onComplete(connected -> {
                if (connected.failed()) {
                    answerUnreachable(connected.cause());
                    return;
                }
                upstreamRequest = connected.result();
                upstreamRequest.exceptionHandler(HANDLED_ELSEWHERE);
                // Bounds the wait for the service's handshake answer only; the tunnel itself has no timeout.
                upstreamRequest.idleTimeout(upstreamTimeoutMillis);
                ProxyHeaders.copyRequestHeaders(request.headers(), upstreamRequest.headers(), true);
                setScopeHeaders(upstreamRequest.headers());
                upstreamRequest.connect().onComplete(this::onTunnelAnswer);
            });
        }

        private void onTunnelAnswer(AsyncResult<HttpClientResponse> outcome) {
            if (outcome.failed()) {
                answerUpstreamFailure(outcome.cause());
                return;
            }
            HttpClientResponse handshake = outcome.result();
            if (handshake.statusCode() != 101) {
                relay(handshake);
                request.resume();
                return;
            }
            // Hold the service's first frames until the client side of the tunnel exists.
            Pipe<Buffer> fromService = handshake.netSocket().pipe();
            response.setStatusCode(101);
            response.headers().addAll(handshake.headers());
            request.toNetSocket().onComplete(client -> {
                if (client.failed()) {
                    fromService.close();
                    handshake.netSocket().close();
                    return;
                }
                NetSocket clientSocket = client.result();
                fromService.to(clientSocket);
                if (firstFrameCheck == null) {
                    clientSocket.pipeTo(handshake.netSocket());
                } else {
                    FirstFrameAuth.guard(clientSocket, handshake.netSocket(), firstFrameCheck);
                }
            });
        }
    }
}

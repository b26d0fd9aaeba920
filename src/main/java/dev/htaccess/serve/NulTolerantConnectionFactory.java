package dev.htaccess.serve;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.internal.HttpConnection;

/**
 * HTTP/1.1 connections whose request heads Apache's core reads first ({@link ApacheHeadParser}),
 * and that let a request target with an encoded NUL ({@code %00}) reach our handler. Jetty's URI
 * parser refuses such a target outright (400, before any handler runs), while Apache parses the
 * request and answers 404 once the path is decoded. The target is handed to Jetty without its
 * {@code %00} escapes, and the original rides along in a header whose name is random per process,
 * so no client can set it; {@link SiteHandler} evaluates the original.
 */
final class NulTolerantConnectionFactory extends HttpConnectionFactory {

  /** The header carrying the original target. */
  static final String ORIGINAL_TARGET =
      "X-Htaccess-Target-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(8));

  NulTolerantConnectionFactory(HttpConfiguration config) {
    super(config);
  }

  @Override
  public Connection newConnection(Connector connector, EndPoint endPoint) {
    HttpConnection connection =
        new HttpConnection(getHttpConfiguration(), connector, endPoint) {
          @Override
          protected HttpParser newHttpParser(HttpCompliance compliance) {
            HttpParser jetty = super.newHttpParser(compliance);
            ApacheHeadParser parser =
                new ApacheHeadParser(
                    (HttpParser.RequestHandler) jetty.getHandler(),
                    getHttpConfiguration().getRequestHeaderSize(),
                    compliance);
            parser.setHeaderCacheSize(jetty.getHeaderCacheSize());
            parser.setHeaderCacheCaseSensitive(jetty.isHeaderCacheCaseSensitive());
            return parser;
          }

          @Override
          protected RequestHandler newRequestHandler() {
            return new RequestHandler() {
              @Override
              public void startRequest(String method, String uri, HttpVersion version) {
                if (!uri.contains("%00")) {
                  super.startRequest(method, uri, version);
                  return;
                }
                super.startRequest(method, uri.replace("%00", ""), version);
                super.parsedHeader(new HttpField(ORIGINAL_TARGET, uri));
              }
            };
          }
        };
    connection.setTransferEncodingChunkMaxLength(getTransferEncodingChunkMaxLength());
    return configure(connection, connector, endPoint);
  }
}

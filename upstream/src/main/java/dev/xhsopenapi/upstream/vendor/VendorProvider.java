package dev.xhsopenapi.upstream.vendor;

import dev.xhsopenapi.upstream.UpstreamProvider;

/**
 * A commercial API as a source of the gateway's chain: {@link SpiderHubsProvider}, {@link
 * TikHubProvider} or {@link JustOneApiProvider}, made by {@link Vendors#provider}. Each holds an
 * HTTP client, released by {@link #close()}.
 */
public sealed interface VendorProvider extends UpstreamProvider, AutoCloseable
    permits SpiderHubsProvider, TikHubProvider, JustOneApiProvider {

  /** Stops the HTTP client; calls in flight fail. */
  @Override
  void close();
}

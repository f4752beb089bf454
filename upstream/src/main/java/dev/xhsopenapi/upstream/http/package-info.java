/**
 * The HTTP client the sources call their upstreams with: blocking calls on the caller's thread over
 * pooled keep-alive connections. Internal to the upstream module.
 */
package dev.xhsopenapi.upstream.http;

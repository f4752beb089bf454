/**
 * The providers of Xiaohongshu App data and the chain that tries them in order. The gateway sees
 * only {@link dev.xhsopenapi.upstream.UpstreamProvider} and {@link
 * dev.xhsopenapi.upstream.ProviderChain}.
 */
package dev.xhsopenapi.upstream;

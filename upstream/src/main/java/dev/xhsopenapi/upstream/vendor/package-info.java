/**
 * Adapters for the commercial APIs that serve Xiaohongshu data (SpiderHubs, TikHub, JustOneAPI):
 * each maps the operations it serves to the vendor's path and parameters, speaks its auth and
 * envelope, and classifies its answers into usable data, a definitive "not found", a failure worth
 * trying the next source for, or an exhausted source. What each adapter relies on, with its
 * sources, is tabled in {@code docs/SOURCES-vendors.md}. Internals of the upstream module.
 */
package dev.xhsopenapi.upstream.vendor;

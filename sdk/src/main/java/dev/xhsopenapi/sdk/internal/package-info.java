/**
 * The client's machinery: the HTTP transport, the retry ladder, pacing from the rate-limit headers,
 * and parsers. Not API: anything here may change in any release.
 */
package dev.xhsopenapi.sdk.internal;

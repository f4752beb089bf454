/**
 * The providers of Xiaohongshu data and the chain that tries them in order. This package is the
 * module's API: the catalogue of {@link dev.xhsopenapi.upstream.Operation}s (each endpoint's
 * parameters, paging and usability rule, declared as data); the gateway opens the upstream with
 * {@link dev.xhsopenapi.upstream.Upstream#open} from {@link
 * dev.xhsopenapi.upstream.UpstreamSettings}, fetches an {@link
 * dev.xhsopenapi.upstream.UpstreamRequest} through its {@link
 * dev.xhsopenapi.upstream.ProviderChain} (which asks only the providers that serve the operation),
 * reads {@link dev.xhsopenapi.upstream.ProviderHealth} and changes the {@code xhs-app} sessions
 * through {@link dev.xhsopenapi.upstream.AppSessions}, and counts calls by the {@link
 * dev.xhsopenapi.upstream.UpstreamEvents} it gives at the start. Besides this package it names only
 * settings records of the providers' packages ({@code SessionSpec}); {@code xhsapp}, {@code relay}
 * and {@code sim} are the providers' internals and change with the upstream.
 */
package dev.xhsopenapi.upstream;

/**
 * The simulator of the Xiaohongshu App endpoint that lists the notes a user has posted, and of the
 * rest of the catalogue's operations (web notes, note details, user search, home feed, hot
 * inspiration, all drawn from the same data through the same faults): a deterministic dataset
 * ({@link dev.xhsopenapi.upstream.sim.SimDataset}), a transport-free core that pages, signs and
 * counts like the App ({@link dev.xhsopenapi.upstream.sim.Simulator}) and fights back with the
 * risk-control answers set in {@link dev.xhsopenapi.upstream.sim.SimFaults}, the same data and
 * faults spoken as a vendor that resells it ({@link dev.xhsopenapi.upstream.sim.SimFlavor}:
 * SpiderHubs, TikHub, JustOneAPI), and two ways to reach it: over HTTP ({@link
 * dev.xhsopenapi.upstream.sim.SimServer}) or in process as the {@code sim} provider ({@link
 * dev.xhsopenapi.upstream.sim.SimProvider}).
 */
package dev.xhsopenapi.upstream.sim;

// The official MCP TypeScript client against a gateway's /mcp: connect with the customer's key,
// list the tools, call xhs_get_user_notes and xhs_get_all_user_notes for a user, call with a bad
// user id, and try a wrong key. Prints one JSON object with what it saw, for the Java test to check.
//
// Usage: node mcp-client.mjs BASE_URL KEY USER_ID
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const [base, key, userId] = process.argv.slice(2);

async function connect(withKey) {
  const transport = new StreamableHTTPClientTransport(new URL(base + '/mcp'), {
    requestInit: { headers: { Authorization: 'Bearer ' + withKey } },
  });
  const client = new Client({ name: 'xhs-openapi-check', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

const out = {};
const client = await connect(key);
out.protocolVersion = client.transport?.protocolVersion ?? null;
out.server = client.getServerVersion();
out.tools = (await client.listTools()).tools.map((t) => t.name);

const page = await client.callTool({ name: 'xhs_get_user_notes', arguments: { user_id: userId } });
out.page = {
  isError: page.isError ?? false,
  notes: page.structuredContent?.data?.notes?.length ?? null,
  requestId: page._meta?.request_id ?? null,
  charged: page._meta?.charged ?? null,
  text: page.content?.[0]?.text ?? null,
};

const all = await client.callTool({
  name: 'xhs_get_all_user_notes',
  arguments: { user_id: userId, max_pages: 3 },
});
out.all = {
  isError: all.isError ?? false,
  pages: all.structuredContent?.pages ?? null,
  notes: all.structuredContent?.notes?.length ?? null,
  charged: all._meta?.charged ?? null,
};

const bad = await client.callTool({ name: 'xhs_get_user_notes', arguments: { user_id: 'nope' } });
out.bad = { isError: bad.isError ?? false, error: bad.structuredContent?.error ?? null };

const account = await client.callTool({ name: 'xhs_account', arguments: {} });
out.balance = account.structuredContent?.balance ?? null;
await client.close();

try {
  const refused = await connect('sk_live_' + '0'.repeat(32));
  await refused.listTools();
  out.wrongKey = 'accepted';
} catch (e) {
  out.wrongKey = String(e?.message ?? e);
}
console.log(JSON.stringify(out));

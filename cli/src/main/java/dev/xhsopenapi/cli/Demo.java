package dev.xhsopenapi.cli;

import dev.xhsopenapi.server.account.Account;
import dev.xhsopenapi.server.api.PublicApi;
import dev.xhsopenapi.server.app.Gateway;
import dev.xhsopenapi.server.app.Providers;
import dev.xhsopenapi.server.auth.ApiKeys;
import dev.xhsopenapi.server.auth.RandomIds;
import dev.xhsopenapi.server.config.GatewayConfig;
import java.io.PrintStream;
import java.util.UUID;

/**
 * {@code serve --demo}: a demo account with 1000 credits (reused across runs), a fresh key, and a
 * curl line that works as printed.
 */
final class Demo {
  static final String ACCOUNT_NAME = "demo";
  static final long CREDITS = 1000;

  private final RandomIds ids = new RandomIds();

  /** Generates an admin token unless one was configured. */
  GatewayConfig withAdminToken(GatewayConfig config) {
    return config.adminToken() != null ? config : config.withAdminToken("adm_" + ids.base62(32));
  }

  /** Creates (or reuses) the demo account, issues a key, and prints how to call the API. */
  void announce(Gateway gateway) {
    GatewayConfig config = gateway.config();
    Account account =
        gateway
            .accounts()
            .findByName(ACCOUNT_NAME)
            .orElseGet(
                () ->
                    gateway
                        .accounts()
                        .create(
                            ACCOUNT_NAME,
                            CREDITS,
                            config.defaultRateLimit(),
                            UUID.randomUUID().toString()));
    String key = ApiKeys.generate(ids);
    gateway
        .keys()
        .create(
            ids.keyId(), account.accountId(), ApiKeys.hash(key), ApiKeys.prefix(key), "demo", null);
    Providers.SampleUser sample = Providers.sampleUser(config);
    String base = "http://127.0.0.1:" + gateway.port();
    PrintStream out = System.out;
    out.println();
    out.println("xhs-openapi demo is serving on " + base);
    out.println("  admin token : " + config.adminToken());
    out.println(
        "  API key     : "
            + key
            + "   (shown once; account "
            + account.accountId()
            + " '"
            + account.name()
            + "', balance "
            + gateway.accounts().find(account.accountId()).orElseThrow().balance()
            + ")");
    out.println("  sample user : " + sample.userId() + "   (" + sample.notes() + " notes)");
    out.println("  first page  :");
    out.println(
        "    curl -s '"
            + base
            + PublicApi.NOTES_PATH
            + "?user_id="
            + sample.userId()
            + "&cursor=' -H 'Authorization: Bearer "
            + key
            + "'");
    out.println("  your account:");
    out.println(
        "    curl -s '"
            + base
            + PublicApi.ACCOUNT_PATH
            + "' -H 'Authorization: Bearer "
            + key
            + "'");
    out.println(
        "  console     : "
            + base
            + "/console/operator/login   (operators sign in with the admin token; customers with"
            + " the link of: xhs-openapi admin user create "
            + account.accountId()
            + " --email …)");
    out.println("Stop with Ctrl-C.");
    out.flush();
  }
}

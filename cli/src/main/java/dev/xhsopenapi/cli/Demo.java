package dev.xhsopenapi.cli;

import dev.xhsopenapi.server.account.Account;
import dev.xhsopenapi.server.admin.AccountActions;
import dev.xhsopenapi.server.api.PublicApi;
import dev.xhsopenapi.server.api.WatchesApi;
import dev.xhsopenapi.server.app.Gateway;
import dev.xhsopenapi.server.auth.ApiKey;
import dev.xhsopenapi.server.auth.KeyRules;
import dev.xhsopenapi.server.auth.KeyStatus;
import dev.xhsopenapi.server.auth.RandomIds;
import dev.xhsopenapi.server.config.GatewayConfig;
import dev.xhsopenapi.upstream.SampleUser;
import dev.xhsopenapi.upstream.Upstream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code serve --demo}: a demo account with 1000 credits (reused across runs), a fresh key (the
 * previous run's is revoked, so one demo key is active at a time), and a curl line that works as
 * printed.
 */
final class Demo {
  static final String ACCOUNT_NAME = "demo";
  static final long CREDITS = 1000;

  /** The name of the keys the demo issues; the previous one is revoked at each start. */
  static final String KEY_NAME = "demo";

  private final RandomIds ids = new RandomIds();

  /** Generates an admin token unless one was configured. */
  GatewayConfig withAdminToken(GatewayConfig config) {
    return config.adminToken() != null ? config : config.withAdminToken("adm_" + ids.base62(32));
  }

  /**
   * Creates (or reuses) the demo account, revokes the key the previous demo run issued, issues a
   * fresh one, and prints how to call the API. Every change goes through the audited {@link
   * AccountActions}, as the admin API's would; keys of the demo account that other tools issued
   * (with another name) are left alone.
   */
  void announce(Gateway gateway) {
    announce(gateway, System.out);
  }

  /** {@link #announce(Gateway)}, printing to {@code out}. */
  void announce(Gateway gateway, PrintStream out) {
    GatewayConfig config = gateway.config();
    AccountActions actions = gateway.actions();
    Account account =
        gateway
            .accounts()
            .findByName(ACCOUNT_NAME)
            .orElseGet(
                () ->
                    actions.createAccount(
                        ACCOUNT_NAME,
                        CREDITS,
                        config.defaultRateLimit(),
                        UUID.randomUUID().toString()));
    List<String> revoked = new ArrayList<>();
    for (ApiKey previous : gateway.keys().listForAccount(account.accountId())) {
      if (KEY_NAME.equals(previous.name()) && previous.status() != KeyStatus.REVOKED) {
        actions.revokeKey(previous.keyId());
        revoked.add(previous.prefix() + "…");
      }
    }
    String key = actions.issueKey(account.accountId(), KEY_NAME, KeyRules.NONE).key();
    SampleUser sample = Upstream.sampleUser(config.upstreamSettings().sim());
    String base = "http://" + reachable(config.host()) + ":" + gateway.port();
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
    if (!revoked.isEmpty()) {
      out.println(
          "                (the previous demo key "
              + String.join(", ", revoked)
              + " was revoked; this is the demo's only key now)");
    }
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
    out.println("  watch it    : (a creator watch; then make the creator post and poll now)");
    out.println(
        "    curl -s -X POST '"
            + base
            + WatchesApi.PATH
            + "' -H 'Authorization: Bearer "
            + key
            + "' -d '{\"user_id\":\""
            + sample.userId()
            + "\"}'");
    out.println(
        "    curl -s -X POST '"
            + base
            + "/admin/v1/sim/users/"
            + sample.userId()
            + "/notes' -H 'Authorization: Bearer "
            + config.adminToken()
            + "'");
    out.println(
        "    ./xhs-openapi watch poll WATCH_ID --wait --base-url " + base + " --key " + key);
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

  /** An address a curl on this machine reaches the server at. */
  static String reachable(String host) {
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0")) {
      return "127.0.0.1";
    }
    return host.contains(":") ? "[" + host + "]" : host;
  }
}

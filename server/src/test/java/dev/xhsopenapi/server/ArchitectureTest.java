package dev.xhsopenapi.server;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.xhsopenapi.upstream.UpstreamSettings;
import dev.xhsopenapi.upstream.xhsapp.SessionPool;
import dev.xhsopenapi.upstream.xhsapp.SessionSpec;
import dev.xhsopenapi.upstream.xhsapp.XhsAppSettings;
import org.junit.jupiter.api.Test;

/**
 * The gateway's package rules, checked on its main classes at every build.
 *
 * <ul>
 *   <li>Feature packages (and any other but the two below) reach the store through its interfaces
 *       ({@code server.store.*Store}, {@code CreditLedger}, {@code Database}…), never an
 *       implementation: only {@code server.app} (the wiring) and {@code server.store} itself name
 *       {@code Jdbc*}, {@code SqliteDatabase} or {@code PostgresDatabase}, so a store can be
 *       swapped or wrapped (metrics, batching) in one place.
 *   <li>The gateway uses the upstream module through its API package ({@code
 *       dev.xhsopenapi.upstream}: {@code UpstreamProvider}, {@code Operation}…) and the settings
 *       records an operator writes ({@code *Settings}, {@code SessionSpec}), not the providers'
 *       internals ({@code upstream.xhsapp}, {@code upstream.sim}, {@code upstream.vendor}): the
 *       chain is opened with {@code Upstream.open}, the sessions are reached through {@code
 *       AppSessions}, the providers' health is read as {@code ProviderHealth}.
 * </ul>
 */
@AnalyzeClasses(
    packages = "dev.xhsopenapi.server",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  /** A class of an upstream provider's own package that is not a settings record. */
  private static final DescribedPredicate<JavaClass> UPSTREAM_INTERNAL =
      describe(
          "are upstream internals (upstream.xhsapp, upstream.sim, upstream.vendor, but settings"
              + " records: *Settings, SessionSpec)",
          c ->
              c.getPackageName().startsWith("dev.xhsopenapi.upstream.")
                  && !topLevel(c).endsWith("Settings")
                  && !topLevel(c).equals("SessionSpec"));

  private static final DescribedPredicate<JavaClass> STORE_IMPLEMENTATION =
      describe(
          "are store implementations (server.store.Jdbc*, SqliteDatabase, PostgresDatabase)",
          c ->
              c.getPackageName().equals("dev.xhsopenapi.server.store")
                  && (topLevel(c).startsWith("Jdbc")
                      || topLevel(c).equals("SqliteDatabase")
                      || topLevel(c).equals("PostgresDatabase")));

  @ArchTest
  static final ArchRule featuresDoNotDependOnStoreImplementations =
      // Every feature package (api, admin, auth, billing, ratelimit, cache, requestlog, usage,
      // console, account, ops, docs) and any new one, and config too.
      noClasses()
          .that()
          .resideInAPackage("dev.xhsopenapi.server..")
          .and()
          .resideOutsideOfPackages("dev.xhsopenapi.server.app..", "dev.xhsopenapi.server.store..")
          .should()
          .dependOnClassesThat(STORE_IMPLEMENTATION)
          .because(
              "features work on the store's interfaces; only server.app wires an implementation");

  @ArchTest
  static final ArchRule gatewayUsesOnlyTheUpstreamApi =
      noClasses()
          .that()
          .resideInAPackage("dev.xhsopenapi.server..")
          .should()
          .dependOnClassesThat(UPSTREAM_INTERNAL)
          .because(
              "the providers' internals change with the upstream; the API package"
                  + " dev.xhsopenapi.upstream (Upstream.open, ProviderChain, ProviderHealth,"
                  + " AppSessions…) is the contract");

  @Test
  void gatewayUsesOnlyTheUpstreamApi_refusesAnInternal_andAllowsSettingsRecords() {
    var importer = new ClassFileImporter();
    assertThat(
            gatewayUsesOnlyTheUpstreamApi
                .evaluate(importer.importClasses(UsesAnInternal.class))
                .getFailureReport()
                .getDetails())
        .singleElement()
        .asString()
        .contains("SessionPool");
    assertThat(
            gatewayUsesOnlyTheUpstreamApi
                .evaluate(importer.importClasses(UsesSettings.class))
                .hasViolation())
        .isFalse();
  }

  /**
   * A class of the gateway's packages that reaches into the App provider: what the rule refuses.
   */
  @SuppressWarnings("unused")
  private static final class UsesAnInternal {
    private SessionPool pool;
  }

  /** A class of the gateway's packages that names settings records only: what the rule allows. */
  @SuppressWarnings("unused")
  private static final class UsesSettings {
    private UpstreamSettings settings;
    private XhsAppSettings app;
    private SessionSpec spec;
  }

  /** The simple name of the top-level class that holds {@code c} (nested, anonymous, lambdas). */
  private static String topLevel(JavaClass c) {
    String name = c.getName().substring(c.getPackageName().length() + 1);
    int dollar = name.indexOf('$');
    return dollar < 0 ? name : name.substring(0, dollar);
  }
}

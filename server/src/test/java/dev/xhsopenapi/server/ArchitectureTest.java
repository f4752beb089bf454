package dev.xhsopenapi.server;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;
import java.util.TreeSet;

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
 *       dev.xhsopenapi.upstream}: {@code UpstreamProvider}, {@code NotesQuery}…) and the settings
 *       records an operator writes ({@code *Settings}, {@code SessionSpec}), not the providers'
 *       internals ({@code upstream.xhsapp}, {@code upstream.sim}, {@code upstream.relay}). This
 *       does not hold yet: {@link #UPSTREAM_INTERNALS_IN_USE} lists every use there is today, and
 *       the list may only shrink.
 * </ul>
 *
 * <p>The existing uses are a list in this file rather than a {@code FreezingArchRule} store: it
 * reads in a review, says why each use is there, and no build ever rewrites it.
 */
@AnalyzeClasses(
    packages = "dev.xhsopenapi.server",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  private static final DescribedPredicate<JavaClass> STORE_IMPLEMENTATION =
      describe(
          "are store implementations (server.store.Jdbc*, SqliteDatabase, PostgresDatabase)",
          c ->
              c.getPackageName().equals("dev.xhsopenapi.server.store")
                  && (topLevel(c).startsWith("Jdbc")
                      || topLevel(c).equals("SqliteDatabase")
                      || topLevel(c).equals("PostgresDatabase")));

  /**
   * Every use of an upstream internal by the gateway's main code today, as {@code "server class ->
   * upstream class"} (top-level classes, package below {@code dev.xhsopenapi}). An entry point of
   * the upstream API that builds the provider chain from settings ({@code Upstream.open}) and
   * exposes the session pool's view through the API package removes them; strike each entry as its
   * use goes. A new use fails {@link #gatewayUsesOnlyTheUpstreamApi}; an entry no longer used fails
   * {@link #upstreamInternalsInUse_listsOnlyUsesThatStillExist}.
   */
  static final Set<String> UPSTREAM_INTERNALS_IN_USE =
      Set.of(
          // The provider chain is built here, from each provider's concrete class.
          "server.app.Providers -> upstream.relay.RelayProvider",
          "server.app.Providers -> upstream.sim.SimDataset",
          "server.app.Providers -> upstream.sim.SimFaults",
          "server.app.Providers -> upstream.sim.SimProvider",
          "server.app.Providers -> upstream.sim.SimSigner",
          "server.app.Providers -> upstream.sim.SimUser",
          "server.app.Providers -> upstream.sim.Simulator",
          "server.app.Providers -> upstream.xhsapp.CoolDowns",
          "server.app.Providers -> upstream.xhsapp.SessionPool",
          "server.app.Providers -> upstream.xhsapp.XhsAppProvider",
          // The operator's session endpoints, metrics and health reach into the App provider's
          // session pool.
          "server.admin.SessionsAdmin -> upstream.xhsapp.SessionPool",
          "server.admin.UpstreamSessions -> upstream.xhsapp.SessionPool",
          "server.admin.UpstreamSessions -> upstream.xhsapp.XhsAppProvider",
          "server.ops.metrics.UpstreamMeters -> upstream.xhsapp.SessionPool",
          "server.ops.metrics.UpstreamMeters -> upstream.xhsapp.XhsAppProvider",
          "server.ops.health.UpstreamCheck -> upstream.xhsapp.SessionPool",
          "server.ops.health.UpstreamCheck -> upstream.xhsapp.XhsAppProvider");

  @ArchTest
  static final ArchRule featuresDoNotDependOnStoreImplementations =
      // Every feature package (api, admin, auth, billing, ratelimit, notes, requestlog, usage,
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
      classes()
          .that()
          .resideInAPackage("dev.xhsopenapi.server..")
          .should(useOnlyTheUpstreamApiOrListedInternals())
          .because(
              "the providers' internals change with the upstream; the API package is the contract");

  @ArchTest
  static void upstreamInternalsInUse_listsOnlyUsesThatStillExist(JavaClasses classes) {
    Set<String> inUse = new TreeSet<>();
    for (JavaClass c : classes) {
      if (c.getPackageName().startsWith("dev.xhsopenapi.server")) {
        for (Dependency d : c.getDirectDependenciesFromSelf()) {
          if (isUpstreamInternal(d.getTargetClass())) {
            inUse.add(usage(d));
          }
        }
      }
    }
    assertThat(UPSTREAM_INTERNALS_IN_USE)
        .as("entries of UPSTREAM_INTERNALS_IN_USE that the code no longer has: strike them")
        .isSubsetOf(inUse);
  }

  private static ArchCondition<JavaClass> useOnlyTheUpstreamApiOrListedInternals() {
    return new ArchCondition<>(
        "use only the upstream API package and settings records (or a listed existing use)") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        for (Dependency d : item.getDirectDependenciesFromSelf()) {
          if (isUpstreamInternal(d.getTargetClass())
              && !UPSTREAM_INTERNALS_IN_USE.contains(usage(d))) {
            events.add(
                SimpleConditionEvent.violated(
                    d,
                    d.getDescription()
                        + ": a new use of an upstream internal ("
                        + usage(d)
                        + "); use the API package dev.xhsopenapi.upstream instead"));
          }
        }
      }
    };
  }

  /** A class of an upstream provider's own package that is not a settings record. */
  private static boolean isUpstreamInternal(JavaClass target) {
    String pkg = target.getPackageName();
    if (!pkg.startsWith("dev.xhsopenapi.upstream.")) {
      return false;
    }
    String name = topLevel(target);
    return !name.endsWith("Settings") && !name.equals("SessionSpec");
  }

  /** {@code "server.x.Y -> upstream.z.W"}, both top-level classes. */
  private static String usage(Dependency d) {
    return shortName(d.getOriginClass()) + " -> " + shortName(d.getTargetClass());
  }

  private static String shortName(JavaClass c) {
    String pkg = c.getPackageName().substring("dev.xhsopenapi.".length());
    return pkg + "." + topLevel(c);
  }

  /** The simple name of the top-level class that holds {@code c} (nested, anonymous, lambdas). */
  private static String topLevel(JavaClass c) {
    String name = c.getName().substring(c.getPackageName().length() + 1);
    int dollar = name.indexOf('$');
    return dollar < 0 ? name : name.substring(0, dollar);
  }
}

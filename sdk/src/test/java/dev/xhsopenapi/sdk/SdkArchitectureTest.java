package dev.xhsopenapi.sdk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The SDK is a library customers embed: it depends on nothing else of this project (not the
 * gateway, not the upstream providers, not the command line), only on the JDK ({@code java..}, and
 * {@code javax.crypto..} for the HMAC of webhook signatures) and Jackson.
 */
@AnalyzeClasses(
    packages = "dev.xhsopenapi.sdk",
    importOptions = ImportOption.DoNotIncludeTests.class)
class SdkArchitectureTest {
  @ArchTest
  static final ArchRule sdkDependsOnNothingOfOurs =
      noClasses()
          .that()
          .resideInAPackage("dev.xhsopenapi.sdk..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.xhsopenapi.server..", "dev.xhsopenapi.upstream..", "dev.xhsopenapi.cli..")
          .because("customers embed the SDK alone; it talks to the gateway only over HTTP");

  @ArchTest
  static final ArchRule sdkDependsOnlyOnTheJdkAndJackson =
      noClasses()
          .that()
          .resideInAPackage("dev.xhsopenapi.sdk..")
          .should()
          .dependOnClassesThat()
          .resideOutsideOfPackages(
              "dev.xhsopenapi.sdk..", "java..", "javax.crypto..", "com.fasterxml.jackson..")
          .because("every other library would become a dependency of every customer's build");
}

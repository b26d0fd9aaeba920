package dev.htaccess.cli;

import dev.htaccess.httpd.IfVersion;
import dev.htaccess.regex.PcrePattern;
import picocli.CommandLine.IVersionProvider;

/** Reads the version from the jar's manifest, so it is never out of step with the build. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = VersionProvider.class.getPackage().getImplementationVersion();
    return new String[] {
      "htaccess " + (version == null ? "(development build)" : version),
      "Understands .htaccess files as Apache httpd " + IfVersion.SERVER_VERSION + " does.",
      "Regular expressions: " + PcrePattern.ENGINE,
      "Java " + System.getProperty("java.version")
    };
  }
}

package dev.htaccess.cli;

/** The exit codes every subcommand uses; listed in {@code --help}. */
final class ExitCodes {
  /** Nothing at or above the failure level. */
  static final int OK = 0;

  /** Findings at or above the failure level, errors in parsed files, or test mismatches. */
  static final int FINDINGS = 1;

  /** Bad command line. */
  static final int USAGE = 2;

  /** An input could not be read. */
  static final int UNREADABLE = 3;

  /** A bug in htaccess itself. */
  static final int INTERNAL = 70;

  static final String[] HELP_LIST = {
    "0:nothing to report",
    "1:errors or findings in the input",
    "2:usage error",
    "3:an input could not be read",
    "70:internal error (a bug: please report it)"
  };

  private ExitCodes() {}
}

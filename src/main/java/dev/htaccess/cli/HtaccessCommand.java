package dev.htaccess.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top command: {@code htaccess <subcommand>}. */
@Command(
    name = "htaccess",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Lint, dry-run and serve Apache .htaccess files exactly as Apache httpd 2.4 does.",
    commandListHeading = "%nCommands:%n",
    synopsisSubcommandLabel = "COMMAND",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:nothing to report",
      "1:errors or findings in the input",
      "2:usage error",
      "3:an input could not be read",
      "70:internal error (a bug: please report it)"
    },
    subcommands = {
      LintCommand.class,
      ServeCommand.class,
      TestCommand.class,
      ParseCommand.class,
      CommandLine.HelpCommand.class,
      AutoComplete.GenerateCompletion.class
    })
final class HtaccessCommand {}

package dev.htaccess.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A run that names its subcommand builds the same subcommand as the full command line has. */
class HtaccessCommandTest {

  @Test
  void everySubcommandIsBuiltAloneWhenNamed() {
    var full = Main.commandLine().getSubcommands();
    for (String name : full.keySet()) {
      if (name.equals("help") || name.equals("generate-completion")) {
        continue; // no options of their own to spare
      }
      var alone = HtaccessCommand.forArguments(new String[] {name, "--help"}).getSubcommands();
      assertThat(alone).as(name).containsOnlyKeys(name);
      assertThat(alone.get(name).getCommandSpec().userObject().getClass())
          .isEqualTo(full.get(name).getCommandSpec().userObject().getClass());
    }
    assertThat(HtaccessCommand.forArguments(new String[] {"--help"}).getSubcommands())
        .containsOnlyKeys(full.keySet());
  }
}

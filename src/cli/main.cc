#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/run_command.h"
#include "cli/translate_command.h"
#include "cli/version.h"

int main(int argc, char** argv) {
  CLI::App app{"kic: a Kong Ingress Controller"};
  app.require_subcommand(1);
  int exit_code = 0;
  kic::cli::AddTranslateCommand(app, exit_code);
  kic::cli::AddRunCommand(app, exit_code);
  kic::cli::AddSyncOnceCommand(app, exit_code);
  app.add_subcommand("version", "Print the version")->callback([] {
    std::cout << kic::cli::VersionString() << "\n";
  });
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return exit_code;
}

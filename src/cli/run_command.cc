#include "cli/run_command.h"

#include <signal.h>

#include <ctime>
#include <iostream>
#include <memory>
#include <stop_token>
#include <thread>

#include "controller/controller.h"
#include "controller/flags.h"
#include "controller/logging.h"
#include "controller/sync_once.h"

namespace kic::cli {
namespace {

// Turns SIGTERM/SIGINT into a stop request. The signals are blocked in every thread (they are
// created after this) and collected here with a bounded wait, so the watcher ends by itself.
int RunUntilSignalled(const controller::Flags& flags) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::stop_source stop;
  std::jthread watcher([&stop, signals](std::stop_token done) {
    const timespec tick{0, 100'000'000};
    while (!done.stop_requested()) {
      if (sigtimedwait(&signals, nullptr, &tick) > 0) {
        stop.request_stop();
        return;
      }
    }
  });
  return controller::RunController(flags, stop.get_token());
}

}  // namespace

void AddRunCommand(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<controller::Flags>();
  auto help_markdown = std::make_shared<bool>(false);
  auto* cmd = app.add_subcommand("run", "Run the controller against a cluster and Kong (flags: docs/cli.md)");
  controller::AddRunFlags(*cmd, *flags);
  cmd->add_flag("--help-markdown", *help_markdown, "Print the flag reference (docs/cli.md) and exit")
      ->group("");
  cmd->callback([cmd, flags, help_markdown, &exit_code] {
    if (*help_markdown) {
      std::cout << controller::CliMarkdown();
      return;
    }
    controller::NoteGivenFlags(*cmd, *flags);
    const auto validation = controller::ValidateFlags(*flags);
    if (!validation.errors.empty()) {
      for (const auto& e : validation.errors) std::cerr << "kic run: " << e << "\n";
      exit_code = 2;
      return;
    }
    if (const auto error = controller::ConfigureLogging(flags->log_format, flags->log_level);
        !error.empty()) {
      std::cerr << "kic run: " << error << "\n";
      exit_code = 2;
      return;
    }
    exit_code = RunUntilSignalled(*flags);
  });
}

void AddSyncOnceCommand(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<controller::SyncOnceFlags>();
  auto* cmd =
      app.add_subcommand("sync-once",
                         "Translate manifests, push them to Kong once (with fallback) and print what Kong "
                         "accepted");
  controller::AddSyncOnceFlags(*cmd, *flags);
  cmd->callback([flags, &exit_code] {
    controller::ConfigureLogging("text", "error");
    exit_code = controller::RunSyncOnce(*flags, std::cout, std::cerr);
  });
}

}  // namespace kic::cli

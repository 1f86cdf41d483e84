#include "interrupt.h"

#include <atomic>
#include <csignal>

namespace swb::cli {

namespace {

std::atomic<int> g_signal{0};

extern "C" void onSignal(int signo)
{
    g_signal.store(signo);
    // The next one ends the process: a user who presses Ctrl+C twice means it.
    std::signal(signo, SIG_DFL);
}

} // namespace

void installInterruptHandlers()
{
    static const bool installed = [] {
        std::signal(SIGINT, onSignal);
        std::signal(SIGTERM, onSignal);
        return true;
    }();
    Q_UNUSED(installed);
}

bool interrupted()
{
    return g_signal.load() != 0;
}

int interruptedExit(Io &io, const QString &command)
{
    const int signo = g_signal.load();
    io.err << "swb " << command << ": interrupted (" << (signo == SIGTERM ? "SIGTERM" : "SIGINT")
           << "); nothing was written\n";
    return 128 + (signo ? signo : SIGINT);
}

} // namespace swb::cli

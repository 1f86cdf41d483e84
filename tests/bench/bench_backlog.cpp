// Backlog memory benchmark (issue "Backlog memory independent of backlog size"): runs the REAL
// `swb simulate` command as a child process on overloads whose backlog grows all run long, and
// reports its peak RSS (wait4's ru_maxrss), its wall time, and its RSS sampled at every progress
// line swb prints (each tenth of the simulated time), so a reader sees whether memory stays flat
// in simulated time once the backlog builds. Run it from a Release build, on a quiet machine.
//
// Usage: bench_backlog [CASE...]
//   CASE = sqs-1d | sqs-3d | sqs-week | sqs6-1d | sqs6-week | sns-fanout | kinesis | kinesis-slow
//   (default: all of them, in that order)
//   sqs-*       sqs-lambda pattern, 2,000 msg/s into job-worker at reserved concurrency 1
//   sqs6-*      the same 2,000 msg/s from 6 traffic sources in turns (jobs-traffic and 5 copies
//               of it, 333.3 msg/s each): more entry paths than a cohort holds inline
//   sns-fanout  sns-fanout pattern at rate=1000000 (SNS's 30,000/s publish quota admits 30,000/s
//               into an async function and a queue, both overloaded), 10 simulated minutes
//   kinesis     kinesis-lambda pattern at 10x its rate (8,000 records/s; the shards' write limits
//               admit 2,000/s, what its consumer takes), one simulated day
//   kinesis-slow the same with the consumer 10x slower (2 s): the lanes back up all day (records
//               wait for the 24 h retention; the mapping's 1 h maximum record age applies to a
//               failing batch only, aws-behaviour.md §5), so the backlog's span grows all run

#include <QByteArray>
#include <QFile>
#include <QString>
#include <QTemporaryDir>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

struct Case {
    const char *name;
    const char *pattern;
    std::vector<std::string> args; // after `simulate FILE`
    int sources = 1; // > 1: the pattern's first block (a traffic source) and its wire copied
};

std::vector<std::string> sixSourceArgs(const char *duration)
{
    std::vector<std::string> args = {"--duration", duration, "--set",
                                     "job-worker.reservedConcurrency=1"};
    for (const char *name : {"jobs-traffic", "copy1", "copy2", "copy3", "copy4", "copy5"}) {
        args.push_back("--set");
        args.push_back(std::string(name) + ".rate=333.333");
    }
    return args;
}

// A `.swb.yaml` design text with its first component (id 1, a traffic source) copied
// `sources - 1` times (ids 1001..., named copy1...), each wired like it to the block its first
// wire feeds, as a user would paste them. Empty if the text is not laid out as expected.
QByteArray withCopiedSource(QByteArray text, int sources)
{
    const qsizetype from = text.indexOf("  - id: 1\n"), to = text.indexOf("  - id: 2\n");
    const qsizetype wire = text.indexOf("    source: 1  #");
    const qsizetype target = text.indexOf("    target: ", wire);
    const qsizetype blocksEnd = text.indexOf("connections:\n"), wiresEnd = text.indexOf("faults:");
    if (from < 0 || to < from || wire < 0 || target < 0 || blocksEnd < 0 || wiresEnd < 0)
        return {};
    const QByteArray block = text.mid(from, to - from);
    const QByteArray targetLine = text.mid(target, text.indexOf('\n', target) + 1 - target);
    const QByteArray name = block.mid(block.indexOf("name: ") + 6).split('\n').first();
    QByteArray blocks, wires;
    for (int i = 1; i < sources; ++i) {
        const QByteArray id = QByteArray::number(1000 + i), copy = "copy" + QByteArray::number(i);
        blocks += QByteArray(block)
                      .replace("  - id: 1\n", "  - id: " + id + "\n")
                      .replace("name: " + name + "\n", "name: " + copy + "\n");
        wires += "  - id: " + QByteArray::number(2000 + i) + "\n    kind: traffic\n    source: "
                 + id + "\n" + targetLine + "    params: {}\n";
    }
    text.insert(wiresEnd, wires);
    text.insert(blocksEnd, blocks);
    const qsizetype next = text.indexOf("nextId: ");
    return text.replace(next, text.indexOf('\n', next) - next, "nextId: 3000");
}

const std::vector<Case> &cases()
{
    static const std::vector<Case> all = {
        {"sqs-1d",
         "sqs-lambda",
         {"--duration", "1d", "--set", "jobs-traffic.rate=2000", "--set",
          "job-worker.reservedConcurrency=1"}},
        {"sqs-3d",
         "sqs-lambda",
         {"--duration", "3d", "--set", "jobs-traffic.rate=2000", "--set",
          "job-worker.reservedConcurrency=1"}},
        {"sqs-week",
         "sqs-lambda",
         {"--duration", "7d", "--set", "jobs-traffic.rate=2000", "--set",
          "job-worker.reservedConcurrency=1"}},
        {"sqs6-1d", "sqs-lambda", sixSourceArgs("1d"), 6},
        {"sqs6-week", "sqs-lambda", sixSourceArgs("7d"), 6},
        {"sns-fanout",
         "sns-fanout",
         {"--duration", "10m", "--set", "order-events-traffic.rate=1000000"}},
        {"kinesis", "kinesis-lambda", {"--duration", "1d", "--set", "clicks-traffic.rate=8000"}},
        {"kinesis-slow",
         "kinesis-lambda",
         {"--duration", "1d", "--set", "clicks-traffic.rate=8000", "--set",
          "click-processor.duration=2000"}},
    };
    return all;
}

long statusKb(pid_t pid, const char *field)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(field))
            return line.mid(static_cast<int>(std::strlen(field))).trimmed().split(' ')[0].toLong();
    return -1;
}

int runTool(const std::vector<std::string> &argv, bool report)
{
    int err[2];
    if (pipe(err) != 0)
        return -1;
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(err[1], 2);
        close(err[0]);
        const int null = open("/dev/null", O_WRONLY); // the summary table: not reported here
        dup2(null, 1);
        std::vector<char *> args;
        for (const std::string &a : argv)
            args.push_back(const_cast<char *>(a.c_str()));
        args.push_back(nullptr);
        execv(args[0], args.data());
        _exit(127);
    }
    close(err[1]);
    std::string pending;
    char buf[4096];
    for (;;) {
        pollfd p{err[0], POLLIN, 0};
        if (poll(&p, 1, 1000) <= 0)
            continue;
        const ssize_t n = read(err[0], buf, sizeof buf);
        if (n <= 0)
            break;
        pending.append(buf, static_cast<std::size_t>(n));
        for (std::size_t nl; (nl = pending.find('\n')) != std::string::npos;) {
            const std::string line = pending.substr(0, nl);
            pending.erase(0, nl + 1);
            if (!report)
                continue;
            const double wall =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            // "swb simulate: 30% (25920 of 86400 s simulated)"
            if (line.find("% (") != std::string::npos)
                std::printf("    %-44s wall %7.1f s  RSS %7.1f MB\n", line.c_str() + 14, wall,
                            statusKb(pid, "VmRSS:") / 1024.0);
            else
                std::printf("    %s\n", line.c_str());
            std::fflush(stdout);
        }
    }
    close(err[0]);
    int status = 0;
    rusage ru{};
    wait4(pid, &status, 0, &ru);
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (report)
        std::printf("  exit %d, wall %.1f s, CPU %.1f s, peak RSS %.1f MB\n",
                    WIFEXITED(status) ? WEXITSTATUS(status) : -1, wall,
                    ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6, ru.ru_maxrss / 1024.0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

} // namespace

int main(int argc, char **argv)
{
    std::vector<std::string> wanted(argv + 1, argv + argc);
    if (wanted.empty())
        for (const Case &c : cases())
            wanted.push_back(c.name);
    QTemporaryDir dir;
    const std::string swb = SWB_CLI_PATH;
    int failures = 0;
    for (const std::string &name : wanted) {
        const Case *c = nullptr;
        for (const Case &k : cases())
            c = k.name == name ? &k : c;
        if (!c) {
            std::fprintf(stderr, "bench_backlog: unknown case '%s'\n", name.c_str());
            return 2;
        }
        const QString suffix =
            c->sources > 1 ? QStringLiteral(".swb.yaml") : QStringLiteral(".swb");
        const std::string file =
            (dir.path() + QLatin1Char('/') + QString::fromStdString(name) + suffix).toStdString();
        if (runTool({swb, "new", "--pattern", c->pattern, file}, false) != 0) {
            std::fprintf(stderr, "bench_backlog: swb new --pattern %s failed\n", c->pattern);
            return 1;
        }
        if (c->sources > 1) {
            QFile f(QString::fromStdString(file));
            const QByteArray text = f.open(QIODevice::ReadOnly)
                                        ? withCopiedSource(f.readAll(), c->sources)
                                        : QByteArray();
            f.close();
            if (text.isEmpty() || !f.open(QIODevice::WriteOnly | QIODevice::Truncate)
                || f.write(text) != text.size()) {
                std::fprintf(stderr, "bench_backlog: cannot add sources to %s\n", file.c_str());
                return 1;
            }
        }
        std::vector<std::string> run = {swb, "simulate", file, "--force"};
        run.insert(run.end(), c->args.begin(), c->args.end());
        std::printf("%s: swb simulate %s%s --force", c->name, c->pattern,
                    c->sources > 1 ? "+copies.swb.yaml" : ".swb");
        for (const std::string &a : c->args)
            std::printf(" %s", a.c_str());
        std::printf("\n");
        std::fflush(stdout);
        failures += runTool(run, true) != 0;
    }
    return failures == 0 ? 0 : 1;
}

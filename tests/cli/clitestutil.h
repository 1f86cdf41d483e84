#pragma once
// Shared by the CLI tests: run the built swb binary as a user would (QProcess) and write designs.

#include "model/fileformat.h"

#include <QProcess>
#include <QString>
#include <QStringList>

namespace swb::test {

struct SwbResult {
    int code = -1; // -1: did not finish or crashed
    QString out;
    QString err;
};

inline SwbResult runSwb(const QStringList &args, int timeoutMs = 120000)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(env);
    // SWB_TEST_CLI runs the tests against another binary (an installed package, an older
    // build to show a test fails without its change).
    const QString binary = qEnvironmentVariableIsSet("SWB_TEST_CLI")
                               ? qEnvironmentVariable("SWB_TEST_CLI")
                               : QStringLiteral(SWB_CLI_PATH);
    process.start(binary, args);
    SwbResult r;
    if (!process.waitForFinished(timeoutMs) || process.exitStatus() != QProcess::NormalExit)
        return r;
    r.code = process.exitCode();
    r.out = QString::fromUtf8(process.readAllStandardOutput());
    r.err = QString::fromUtf8(process.readAllStandardError());
    return r;
}

inline bool saveDesignFile(const QString &path, const Design &design)
{
    auto format = FileFormats::forWriting(path);
    return format && format->write(path, design);
}

inline bool loadDesignFile(const QString &path, Design *design)
{
    auto format = FileFormats::forReading(path);
    return format && format->read(path, design);
}

} // namespace swb::test

// Side-by-side comparison: the same profile and seed through each bundled pattern gives exactly
// the figures `swb simulate` prints for that pattern with the profile applied by --set; faults
// land on the matching block kind.

#include "sim/comparison.h"

#include "model/fileformat.h"
#include "model/patterns.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace swb;

namespace {

QString runSwb(const QStringList &args)
{
    QProcess process;
    process.start(QStringLiteral(SWB_CLI_PATH), args);
    if (!process.waitForFinished(180000) || process.exitCode() != 0)
        return {};
    return QString::fromUtf8(process.readAllStandardOutput());
}

double number(const QString &out, const char *pattern)
{
    const auto m = QRegularExpression(QLatin1String(pattern)).match(out);
    return m.hasMatch() ? m.captured(1).toDouble() : std::nan("");
}

} // namespace

class TestComparison : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void figuresEqualSwbSimulate()
    {
        QTemporaryDir dir;
        ComparisonOptions options;
        options.traffic.rate = 40;
        options.traffic.pattern = QStringLiteral("constant");
        options.durationSeconds = 300;
        options.seed = 7;
        QList<QPair<QString, Design>> designs;
        for (const QString &id : patternIds())
            designs.append({id, *makePattern(id)});
        int progressCalls = 0;
        const auto rows = compareDesigns(designs, options, [&](int, int) { ++progressCalls; });
        QCOMPARE(progressCalls, designs.size());
        QCOMPARE(rows.size(), designs.size());
        for (int i = 0; i < rows.size(); ++i) {
            const ComparisonRow &row = rows.at(i);
            QVERIFY2(row.ok, qPrintable(row.error));
            const Design &d = designs.at(i).second;
            const QString file = dir.filePath(designs.at(i).first + QLatin1String(".swb"));
            auto format = FileFormats::forWriting(file);
            QVERIFY(format && format->write(file, d));
            QStringList args{QStringLiteral("simulate"),   file,
                             QStringLiteral("--duration"), QStringLiteral("300s"),
                             QStringLiteral("--seed"),     QStringLiteral("7")};
            QString traffic;
            for (const Component &c : d.components) {
                if (c.kind == ComponentKind::TrafficSource) {
                    traffic = c.name;
                    args << QStringLiteral("--set") << c.name + QLatin1String(".rate=40")
                         << QStringLiteral("--set") << c.name + QLatin1String(".pattern=constant");
                }
            }
            const QString out = runSwb(args);
            QVERIFY2(!out.isEmpty(), qPrintable(row.name));
            // Printing precision: cost 2 decimals, p99 1 decimal, counts whole.
            QVERIFY2(std::abs(number(out, "Projected monthly cost: \\$([0-9.]+)")
                              - row.headline.monthlyCostUsd)
                         <= 0.0051,
                     qPrintable(row.name));
            QCOMPARE(number(out, "Account peak concurrency: ([0-9]+)"),
                     std::round(row.peakConcurrency));
            const double succeeded = number(out, "succeeded ([0-9]+)");
            QVERIFY2(std::abs(succeeded / 300.0 - row.headline.throughputPerS) < 1e-9,
                     qPrintable(row.name));
            const QString p99Pattern = QStringLiteral("\\n%1\\s+%2(?:\\s+\\S+){5}"
                                                      "\\s+([0-9.]+)")
                                           .arg(QRegularExpression::escape(traffic),
                                                componentKindId(ComponentKind::TrafficSource));
            const auto m = QRegularExpression(p99Pattern).match(out);
            QVERIFY2(m.hasMatch(), qPrintable(out));
            QVERIFY2(std::abs(m.captured(1).toDouble() - row.headline.p99Ms) <= 0.051,
                     qPrintable(row.name + QLatin1Char(' ') + m.captured(1)));
        }
    }

    void faultGoesToTheMatchingKind()
    {
        ComparisonOptions options;
        options.fault = ComparisonFault{FaultKind::DownstreamOutage, 10, 20};
        QStringList notes;
        QString error;
        const auto api =
            applyComparison(*makePattern(QStringLiteral("api-lambda")), options, &notes, &error);
        QVERIFY2(api, qPrintable(error));
        QCOMPARE(api->faults.size(), 1);
        QCOMPARE(api->component(api->faults.first().target)->kind, ComponentKind::Downstream);
        const auto sqs =
            applyComparison(*makePattern(QStringLiteral("sqs-lambda")), options, &notes, &error);
        QVERIFY(sqs);
        QVERIFY(sqs->faults.isEmpty());
        QVERIFY(notes.join(QLatin1Char(' ')).contains(QLatin1String("ran without")));
    }

    void badProfileIsRefusedWithAMessage()
    {
        ComparisonOptions options;
        options.traffic.pattern = QStringLiteral("zigzag");
        QString error;
        QVERIFY(
            !applyComparison(*makePattern(QStringLiteral("sqs-lambda")), options, nullptr, &error));
        QVERIFY2(error.contains(QLatin1String("poisson")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestComparison)
#include "comparison.moc"

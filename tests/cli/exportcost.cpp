// swb export cost through the built binary: the CSV total equals `swb cost --format csv`'s
// (an independent code path printing the same cost model), refusals exit 2/3 with a message
// and leave an existing file untouched.

#include "clitestutil.h"

#include "model/patterns.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace swb;
using namespace swb::test;

class TestExportCost : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void csvTotalMatchesSwbCost()
    {
        QTemporaryDir dir;
        const QString design = dir.filePath(QStringLiteral("d.swb"));
        QVERIFY(saveDesignFile(design, *makePattern(QStringLiteral("sqs-lambda"))));
        const QString out = dir.filePath(QStringLiteral("out.csv"));
        const SwbResult r = runSwb({QStringLiteral("export"), QStringLiteral("cost"), design, out,
                                    QStringLiteral("--no-free-tier")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray exported = file.readAll().trimmed().split('\n').last();
        const SwbResult cost = runSwb({QStringLiteral("cost"), design, QStringLiteral("--format"),
                                       QStringLiteral("csv"), QStringLiteral("--no-free-tier")});
        QCOMPARE(cost.code, 0);
        const QString expected = cost.out.trimmed().split(QLatin1Char('\n')).last();
        QVERIFY(expected.startsWith(QLatin1String("TOTAL,")));
        QCOMPARE(QString::fromUtf8(exported), expected);
    }

    void refusalsLeaveExistingFile()
    {
        QTemporaryDir dir;
        const QString design = dir.filePath(QStringLiteral("d.swb"));
        QVERIFY(saveDesignFile(design, *makePattern(QStringLiteral("sqs-lambda"))));
        const QString existing = dir.filePath(QStringLiteral("old.txt"));
        {
            QFile f(existing);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("previous");
        }
        SwbResult r = runSwb({QStringLiteral("export"), QStringLiteral("cost"), design, existing});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QLatin1String(".xlsx")), qPrintable(r.err));
        QFile f(existing);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("previous"));

        r = runSwb({QStringLiteral("export"), QStringLiteral("cost"), design,
                    dir.filePath(QStringLiteral("missing/out.xlsx"))});
        QCOMPARE(r.code, 3);
        QVERIFY2(r.err.contains(QLatin1String("missing")), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestExportCost)
#include "exportcost.moc"

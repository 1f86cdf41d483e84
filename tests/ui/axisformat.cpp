// Human numbers on the charts (ui/charts/axisformat.h): counts as "15k" and "1.2 M", durations
// as "250 ms", "1.5 s", "2 min", clock times for simulated time, and round ticks whose unit fits
// the range (a latency axis up to 500,000 ms reads in minutes, not "500000").

#include "ui/charts/axisformat.h"

#include <QTest>

using namespace swb;

class TestAxisFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void counts();
    void durations();
    void clockTimes();
    void countTicksAreRound();
    void durationTicksPickTheirUnit();
    void timeTicksFollowTheWindow();
};

void TestAxisFormat::counts()
{
    QCOMPARE(formatCount(0), QStringLiteral("0"));
    QCOMPARE(formatCount(950), QStringLiteral("950"));
    QCOMPARE(formatCount(15000), QStringLiteral("15k"));
    QCOMPARE(formatCount(1500), QStringLiteral("1.5k"));
    QCOMPARE(formatCount(1.2e6), QStringLiteral("1.2 M"));
    QCOMPARE(formatCount(0.25), QStringLiteral("0.25"));
    QCOMPARE(formatCount(-47400), QStringLiteral("-47.4k"));
}

void TestAxisFormat::durations()
{
    QCOMPARE(formatDuration(0.25), QStringLiteral("250 ms"));
    QCOMPARE(formatDuration(1.5), QStringLiteral("1.5 s"));
    QCOMPARE(formatDuration(45), QStringLiteral("45 s"));
    QCOMPARE(formatDuration(120), QStringLiteral("2 min"));
    QCOMPARE(formatDuration(241), QStringLiteral("4 min"));
    QCOMPARE(formatDuration(5400), QStringLiteral("90 min"));
    QCOMPARE(formatDuration(9000), QStringLiteral("2.5 h"));
    QCOMPARE(formatValue(ValueKind::Milliseconds, 1500), QStringLiteral("1.5 s"));
    QCOMPARE(formatValue(ValueKind::Milliseconds, 88), QStringLiteral("88 ms"));
}

void TestAxisFormat::clockTimes()
{
    QCOMPARE(formatClockTime(45), QStringLiteral("0:45"));
    QCOMPARE(formatClockTime(725), QStringLiteral("12:05"));
    QCOMPARE(formatClockTime(3600), QStringLiteral("1:00:00"));
}

void TestAxisFormat::countTicksAreRound()
{
    const AxisTicks t = valueTicks(ValueKind::Count, 47400, 4);
    QCOMPARE(t.top, 60000.0);
    QCOMPARE(t.labels, (QStringList{QStringLiteral("0"), QStringLiteral("20k"),
                                    QStringLiteral("40k"), QStringLiteral("60k")}));
    QCOMPARE(t.values, (QList<double>{0, 20000, 40000, 60000}));
    for (const QString &label : t.labels)
        QVERIFY2(!label.contains(QLatin1Char('e')), qPrintable(label));
}

void TestAxisFormat::durationTicksPickTheirUnit()
{
    // Latency in ms: up to half a second in ms, beyond 2 minutes in minutes.
    const AxisTicks small = valueTicks(ValueKind::Milliseconds, 420, 4);
    QCOMPARE(small.unit, QStringLiteral("ms"));
    QVERIFY(small.labels.contains(QStringLiteral("200 ms")));
    const AxisTicks large = valueTicks(ValueKind::Milliseconds, 500000, 4);
    QCOMPARE(large.unit, QStringLiteral("min"));
    for (const QString &label : large.labels)
        QVERIFY2(label == QLatin1String("0") || label.endsWith(QLatin1String(" min")),
                 qPrintable(label));
    QVERIFY(large.top >= 500000);
    const AxisTicks age = valueTicks(ValueKind::Seconds, 75, 3);
    QCOMPARE(age.unit, QStringLiteral("s"));
    QVERIFY(age.labels.contains(QStringLiteral("30 s")));
}

void TestAxisFormat::timeTicksFollowTheWindow()
{
    // A 5-minute window from 2:15: ticks on whole minutes, as clock times.
    const AxisTicks t = timeTicks(135, 435, 5);
    QCOMPARE(t.labels.first(), QStringLiteral("3:00"));
    QCOMPARE(t.labels.last(), QStringLiteral("7:00"));
    QCOMPARE(t.values.first(), 180.0);
    for (double v : t.values)
        QVERIFY(v >= 135 && v <= 435);
}

QTEST_APPLESS_MAIN(TestAxisFormat)
#include "axisformat.moc"

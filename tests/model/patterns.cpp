// The bundled patterns: each builds, passes the analysis without errors or warnings, has a
// traffic source wired in, named blocks that do not overlap, and every value within the catalogue.

#include "model/analysis.h"
#include "model/layout.h"
#include "model/parametercatalogue.h"
#include "model/patterns.h"
#include "model/textformat.h"
#include "model/wiringrules.h"

#include <QFile>
#include <QRectF>
#include <QTest>

using namespace swb;

class TestPatterns : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ids()
    {
        const QStringList expected = {
            QStringLiteral("api-lambda"),          QStringLiteral("sns-fanout"),
            QStringLiteral("eventbridge-routing"), QStringLiteral("sqs-lambda"),
            QStringLiteral("kinesis-lambda"),      QStringLiteral("api-stepfunctions"),
        };
        QCOMPARE(patternIds(), expected);
        QVERIFY(!makePattern(QStringLiteral("no-such-pattern")));
        QVERIFY(patternTitle(QStringLiteral("no-such-pattern")).isEmpty());
        QVERIFY(patternDescription(QStringLiteral("no-such-pattern")).isEmpty());
    }

    void pattern_data()
    {
        QTest::addColumn<QString>("id");
        for (const QString &id : patternIds())
            QTest::newRow(id.toUtf8().constData()) << id;
    }

    void pattern()
    {
        QFETCH(QString, id);
        QVERIFY(!patternTitle(id).isEmpty());
        QVERIFY(patternDescription(id).size() > 80);
        const std::optional<Design> design = makePattern(id);
        QVERIFY(design);
        QVERIFY(!design->name.isEmpty());
        QVERIFY(design->components.size() >= 3);

        // Findings: no errors, and no warnings either (the patterns follow AWS's advice), and at
        // least one entry-to-sink path.
        const QList<Finding> findings = analyze(*design);
        int paths = 0;
        for (const Finding &f : findings) {
            QVERIFY2(f.severity == Severity::Info,
                     qPrintable(f.code + QLatin1String(": ") + f.message));
            paths += f.code == QLatin1String(findingcode::Path);
        }
        QVERIFY(paths >= 1);

        // A traffic source that is wired in.
        bool wiredSource = false;
        for (const Component &c : design->components) {
            if (c.kind != ComponentKind::TrafficSource)
                continue;
            for (const Connection *w : design->outgoing(c.id))
                wiredSource = wiredSource || w->kind == ConnectionKind::Traffic;
        }
        QVERIFY(wiredSource);

        // Every wire is legal by the AWS rules (checked without the wire itself present).
        for (const Connection &w : design->connections) {
            Design without = *design;
            without.connections.remove(w.id);
            const WiringVerdict verdict = checkWire(without, w.source, w.target, w.kind);
            QVERIFY2(verdict.allowed, qPrintable(verdict.reason));
        }

        // Every parameter is a catalogue key holding a value within range.
        for (const Component &c : design->components) {
            QVERIFY(!c.name.isEmpty());
            QCOMPARE(c.params.keys(), catalogue::defaultComponentParams(c.kind).keys());
            for (auto it = c.params.cbegin(); it != c.params.cend(); ++it) {
                QString error;
                const ParamSpec *spec = catalogue::findComponentParam(c.kind, it.key());
                QVERIFY(spec);
                QVERIFY2(normalizeValue(*spec, it.value(), &error), qPrintable(error));
            }
        }

        // Laid out: blocks do not overlap.
        const QList<Component> blocks = design->components.values();
        for (int i = 0; i < blocks.size(); ++i) {
            for (int j = i + 1; j < blocks.size(); ++j) {
                const QRectF a(blocks[i].position, kBlockSize);
                const QRectF b(blocks[j].position, kBlockSize);
                QVERIFY2(!a.intersects(b),
                         qPrintable(blocks[i].name + QLatin1String(" overlaps ") + blocks[j].name));
            }
        }
    }

    void stepFunctionsTasksAreOrdered()
    {
        const Design design = *makePattern(QStringLiteral("api-stepfunctions"));
        const Component *workflow = design.componentByName(QStringLiteral("checkout-workflow"));
        QVERIFY(workflow);
        QMap<qlonglong, QString> tasks;
        for (const Connection *w : design.outgoing(workflow->id))
            tasks.insert(w->params.value(QStringLiteral("order")).toLongLong(),
                         design.component(w->target)->name);
        QCOMPARE(tasks.values(),
                 QStringList({QStringLiteral("validate-order"), QStringLiteral("charge-payment"),
                              QStringLiteral("ship-order")}));
    }

    // The bundled patterns are data (resources/patterns/): each file is exactly what the editor
    // saves for its design, so a pattern is edited like any design and reviewed as a plain diff.
    void filesAreSavedDesigns_data() { pattern_data(); }

    void filesAreSavedDesigns()
    {
        QFETCH(QString, id);
        QFile file(QStringLiteral(":/patterns/%1.swb.yaml").arg(id));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        const std::optional<Design> design = makePattern(id);
        QVERIFY(design);
        QCOMPARE(TextFormat::toYaml(*design), file.readAll());
    }

    void deterministic()
    {
        for (const QString &id : patternIds())
            QVERIFY(*makePattern(id) == *makePattern(id));
    }
};

QTEST_GUILESS_MAIN(TestPatterns)
#include "patterns.moc"

// The Document: undo and redo of every command (the design returns exactly to its earlier
// state), the undo texts the Edit menu shows, the typed signals, merging of moves per drag,
// refusals that change nothing, and the modified/clean state.

#include "model/document.h"

#include <QSignalSpy>
#include <QTest>

using namespace swb;
using K = ComponentKind;
using C = ConnectionKind;

namespace {

// Every signal of a Document, recorded.
struct Spies {
    explicit Spies(Document *doc)
        : added(doc, &Document::componentAdded)
        , removed(doc, &Document::componentRemoved)
        , changed(doc, &Document::componentChanged)
        , wireAdded(doc, &Document::connectionAdded)
        , wireRemoved(doc, &Document::connectionRemoved)
        , wireChanged(doc, &Document::connectionChanged)
        , faults(doc, &Document::faultsChanged)
        , project(doc, &Document::projectChanged)
        , reset(doc, &Document::designReset)
        , modified(doc, &Document::modifiedChanged)
    {}
    void clear()
    {
        for (QSignalSpy *s : {&added, &removed, &changed, &wireAdded, &wireRemoved, &wireChanged,
                              &faults, &project, &reset, &modified})
            s->clear();
    }
    QSignalSpy added, removed, changed, wireAdded, wireRemoved, wireChanged, faults, project, reset,
        modified;
};

qint64 idOf(const QSignalSpy &spy, int i = 0)
{
    return spy.at(i).at(0).value<qint64>();
}

} // namespace

class TestDocument : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addComponent()
    {
        Document doc;
        Spies spies(&doc);
        const Design empty = doc.design();
        const auto fn = doc.addComponent(K::Lambda, QPointF(10, 20), QStringLiteral("fn"));
        QVERIFY(fn != InvalidId);
        QCOMPARE(doc.design().component(fn)->position, QPointF(10, 20));
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Add Lambda function 'fn'"));
        QCOMPARE(spies.added.size(), 1);
        QCOMPARE(idOf(spies.added), fn);
        const Design after = doc.design();
        doc.undoStack()->undo();
        QVERIFY(!doc.design().component(fn));
        QCOMPARE(doc.design().components, empty.components);
        QCOMPARE(idOf(spies.removed), fn);
        doc.undoStack()->redo();
        QCOMPARE(doc.design().components, after.components); // same id back
        QCOMPARE(spies.added.size(), 2);
        // Default names are unique.
        const auto second = doc.addComponent(K::Lambda, {}, QStringLiteral("fn"));
        QCOMPARE(doc.design().component(second)->name, QStringLiteral("fn 2"));
    }

    void removeRestoresWiresAndFaults()
    {
        Document doc;
        const auto api = doc.addComponent(K::ApiGateway, {}, QStringLiteral("api"));
        const auto fn = doc.addComponent(K::Lambda, {}, QStringLiteral("fn"));
        const auto db = doc.addComponent(K::Downstream, {}, QStringLiteral("db"));
        const auto w1 = doc.connectComponents(api, fn, C::SyncInvoke);
        const auto w2 = doc.connectComponents(fn, db, C::SyncInvoke);
        Fault fault;
        fault.kind = FaultKind::BadDeploy;
        fault.target = fn;
        const auto faultId = doc.addFault(fault);
        QVERIFY(w1 && w2 && faultId);
        const Design before = doc.design();
        Spies spies(&doc);

        doc.removeItems({fn});
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Delete 'fn'"));
        QVERIFY(!doc.design().component(fn));
        QVERIFY(doc.design().connections.isEmpty());
        QVERIFY(doc.design().faults.isEmpty());
        QCOMPARE(spies.wireRemoved.size(), 2);
        QCOMPARE(spies.removed.size(), 1);
        QCOMPARE(spies.faults.size(), 1);

        doc.undoStack()->undo();
        QVERIFY(doc.design() == before);
        QCOMPARE(spies.added.size(), 1);
        QCOMPARE(spies.wireAdded.size(), 2);
        doc.undoStack()->redo();
        QVERIFY(doc.design().connections.isEmpty());
        doc.undoStack()->undo();

        doc.removeItems({}, {w2});
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Delete wire"));
        doc.undoStack()->undo();
        doc.removeItems({api, db}, {w2});
        QVERIFY(doc.undoStack()->undoText().startsWith(QLatin1String("Delete 2 block")));
        QVERIFY(doc.undoStack()->undoText().contains(QLatin1String("2 wire")));
        doc.undoStack()->undo();
        QVERIFY(doc.design() == before);
    }

    void moveMergesPerDrag()
    {
        Document doc;
        const auto fn = doc.addComponent(K::Lambda, QPointF(0, 0), QStringLiteral("fn"));
        const int base = doc.undoStack()->count();
        Spies spies(&doc);
        doc.moveComponents({{fn, QPointF(10, 0)}}, 7);
        doc.moveComponents({{fn, QPointF(20, 0)}}, 7);
        doc.moveComponents({{fn, QPointF(30, 0)}}, 7);
        QCOMPARE(doc.undoStack()->count(), base + 1); // one drag, one step
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Move 'fn'"));
        QCOMPARE(spies.changed.size(), 3);
        doc.moveComponents({{fn, QPointF(40, 0)}}, 8); // the next drag
        QCOMPARE(doc.undoStack()->count(), base + 2);
        doc.moveComponents({{fn, QPointF(50, 0)}});
        doc.moveComponents({{fn, QPointF(60, 0)}}); // no drag id: no merge
        QCOMPARE(doc.undoStack()->count(), base + 4);
        doc.moveComponents({{fn, QPointF(60, 0)}}); // nowhere: nothing pushed
        QCOMPARE(doc.undoStack()->count(), base + 4);
        doc.undoStack()->undo();
        doc.undoStack()->undo();
        doc.undoStack()->undo();
        QCOMPARE(doc.design().component(fn)->position, QPointF(30, 0));
        doc.undoStack()->undo();
        QCOMPARE(doc.design().component(fn)->position, QPointF(0, 0));
        doc.undoStack()->redo();
        QCOMPARE(doc.design().component(fn)->position, QPointF(30, 0));
        const auto other = doc.addComponent(K::Lambda, {}, QStringLiteral("other"));
        doc.moveComponents({{fn, QPointF(1, 1)}, {other, QPointF(2, 2)}});
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Move 2 blocks"));
    }

    void rename()
    {
        Document doc;
        const auto a = doc.addComponent(K::Lambda, {}, QStringLiteral("a"));
        doc.addComponent(K::Lambda, {}, QStringLiteral("b"));
        const int count = doc.undoStack()->count();
        QString error;
        QVERIFY(!doc.renameComponent(a, QStringLiteral("b"), &error));
        QVERIFY(error.contains(QLatin1String("'a'")) && error.contains(QLatin1String("'b'")));
        QVERIFY(!doc.renameComponent(a, QStringLiteral("   "), &error));
        QVERIFY(error.contains(QLatin1String("empty")));
        QVERIFY(!doc.renameComponent(999, QStringLiteral("x"), &error));
        QCOMPARE(doc.undoStack()->count(), count);
        Spies spies(&doc);
        QVERIFY(doc.renameComponent(a, QStringLiteral("  orders  "), &error));
        QCOMPARE(doc.design().component(a)->name, QStringLiteral("orders"));
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Rename 'a' to 'orders'"));
        QCOMPARE(idOf(spies.changed), a);
        doc.undoStack()->undo();
        QCOMPARE(doc.design().component(a)->name, QStringLiteral("a"));
        doc.undoStack()->redo();
        QCOMPARE(doc.design().component(a)->name, QStringLiteral("orders"));
    }

    void setParameter()
    {
        Document doc;
        const auto fn = doc.addComponent(K::Lambda, {}, QStringLiteral("fn"));
        Spies spies(&doc);
        QVERIFY(doc.setComponentParam(fn, QStringLiteral("timeout"), QStringLiteral("30")));
        QCOMPARE(doc.design().component(fn)->params.value(QStringLiteral("timeout")),
                 QVariant(30LL));
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Set Timeout of 'fn' to 30 s"));
        QCOMPARE(idOf(spies.changed), fn);
        doc.undoStack()->undo();
        QCOMPARE(doc.design().component(fn)->params.value(QStringLiteral("timeout")),
                 QVariant(3LL));
        doc.undoStack()->redo();
        QCOMPARE(doc.design().component(fn)->params.value(QStringLiteral("timeout")),
                 QVariant(30LL));
        const int count = doc.undoStack()->count();
        QString error;
        QVERIFY(!doc.setComponentParam(fn, QStringLiteral("timeout"), 901, &error));
        QVERIFY(error.contains(QLatin1String("'fn'")) && error.contains(QLatin1String("Timeout"))
                && error.contains(QLatin1String("901"))
                && error.contains(QLatin1String("1 to 900 s")));
        QCOMPARE(doc.undoStack()->count(), count);
    }

    void connectAndWireParameter()
    {
        Document doc;
        const auto q = doc.addComponent(K::SqsQueue, {}, QStringLiteral("q"));
        const auto fn = doc.addComponent(K::Lambda, {}, QStringLiteral("fn"));
        Spies spies(&doc);
        const auto esm = doc.connectComponents(q, fn, C::EventSourceMapping);
        QVERIFY(esm);
        QCOMPARE(doc.undoStack()->undoText(),
                 QStringLiteral("Connect 'q' to 'fn' (event source mapping)"));
        QCOMPARE(idOf(spies.wireAdded), esm);
        QCOMPARE(doc.design().connection(esm)->params.value(QStringLiteral("batchSize")),
                 QVariant(10LL));
        QVERIFY(doc.setConnectionParam(esm, QStringLiteral("batchSize"), 5));
        QCOMPARE(doc.undoStack()->undoText(),
                 QStringLiteral("Set Batch size of 'q' -> 'fn' to 5 records"));
        QCOMPARE(idOf(spies.wireChanged), esm);
        doc.undoStack()->undo();
        QCOMPARE(doc.design().connection(esm)->params.value(QStringLiteral("batchSize")),
                 QVariant(10LL));
        doc.undoStack()->undo();
        QVERIFY(!doc.design().connection(esm));
        QCOMPARE(idOf(spies.wireRemoved), esm);
        doc.undoStack()->redo();
        QVERIFY(doc.design().connection(esm)); // same id back
        QString error;
        QVERIFY(!doc.setConnectionParam(esm, QStringLiteral("batchSize"), 0, &error));
        QVERIFY(error.contains(QLatin1String("'q' -> 'fn'")));
        QCOMPARE(doc.connectComponents(fn, q, C::EventSourceMapping, &error), InvalidId);
        QVERIFY(!error.isEmpty());
    }

    void taskStatesAppendToChain()
    {
        Document doc;
        const auto sfn = doc.addComponent(K::StepFunctions, {}, QStringLiteral("sfn"));
        QList<qlonglong> orders;
        for (const char *name : {"t1", "t2", "t3"}) {
            const auto fn = doc.addComponent(K::Lambda, {}, QLatin1String(name));
            const auto task = doc.connectComponents(sfn, fn, C::ServiceIntegration);
            orders.append(
                doc.design().connection(task)->params.value(QStringLiteral("order")).toLongLong());
        }
        QCOMPARE(orders, QList<qlonglong>({1, 2, 3}));
    }

    void projectSettingsAndName()
    {
        Document doc;
        Spies spies(&doc);
        QVERIFY(doc.setProjectParam(QStringLiteral("accountConcurrency"), 2000));
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Set Account concurrency to 2000"));
        QCOMPARE(spies.project.size(), 1);
        QVERIFY(doc.setProjectName(QStringLiteral("Orders")));
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Rename project to 'Orders'"));
        QString error;
        QVERIFY(!doc.setProjectName(QStringLiteral(" "), &error));
        QVERIFY(!error.isEmpty());
        doc.undoStack()->undo();
        QVERIFY(doc.design().name.isEmpty());
        doc.undoStack()->undo();
        QCOMPARE(doc.design().setting(QStringLiteral("accountConcurrency")), QVariant(1000LL));
        QCOMPARE(spies.project.size(), 4);
        doc.undoStack()->redo();
        doc.undoStack()->redo();
        QCOMPARE(doc.design().name, QStringLiteral("Orders"));
        QCOMPARE(doc.design().setting(QStringLiteral("accountConcurrency")), QVariant(2000LL));
    }

    void faults()
    {
        Document doc;
        const auto fn = doc.addComponent(K::Lambda, {}, QStringLiteral("fn"));
        const auto q = doc.addComponent(K::SqsQueue, {}, QStringLiteral("q"));
        Spies spies(&doc);
        Fault fault;
        fault.kind = FaultKind::BadDeploy;
        fault.target = q; // a bad deploy needs a function
        QString error;
        QCOMPARE(doc.addFault(fault, &error), InvalidId);
        QVERIFY(error.contains(QLatin1String("'q'")));
        fault.target = fn;
        fault.errorRate = 0.5;
        const auto id = doc.addFault(fault, &error);
        QVERIFY2(id, qPrintable(error));
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Add bad deploy on 'fn'"));
        Fault edited = doc.design().faults.value(id);
        edited.start = 120;
        QVERIFY(doc.updateFault(edited));
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Edit bad deploy"));
        edited.errorRate = 2; // out of range
        QVERIFY(!doc.updateFault(edited, &error));
        QVERIFY(error.contains(QLatin1String("error rate")));
        doc.removeFault(id);
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Remove bad deploy"));
        QVERIFY(doc.design().faults.isEmpty());
        QCOMPARE(spies.faults.size(), 3);
        doc.undoStack()->undo();
        QCOMPARE(doc.design().faults.value(id).start, 120.0);
        doc.undoStack()->undo();
        QCOMPARE(doc.design().faults.value(id).start, 0.0);
        doc.undoStack()->undo();
        QVERIFY(doc.design().faults.isEmpty());
        QCOMPARE(spies.faults.size(), 6);
    }

    void insertFragment()
    {
        Document source;
        const auto a = source.addComponent(K::Lambda, QPointF(0, 0), QStringLiteral("fn"));
        const auto b = source.addComponent(K::Downstream, QPointF(200, 0), QStringLiteral("db"));
        const auto outside = source.addComponent(K::Lambda, {}, QStringLiteral("outside"));
        source.connectComponents(a, b, C::SyncInvoke);
        source.connectComponents(a, outside, C::SyncInvoke); // its end is not copied
        Fault fault;
        fault.target = a;
        source.addFault(fault);
        Design fragment = source.design();
        fragment.components.remove(outside);

        Document doc;
        doc.addComponent(K::Lambda, {}, QStringLiteral("fn")); // the pasted "fn" must be renamed
        const Design before = doc.design();
        Spies spies(&doc);
        const QList<ComponentId> ids = doc.insertFragment(fragment, QPointF(50, 50));
        QCOMPARE(ids.size(), 2);
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Paste 2 blocks"));
        QCOMPARE(doc.design().components.size(), 3);
        QCOMPARE(doc.design().connections.size(), 1);
        QCOMPARE(doc.design().faults.size(), 1);
        QStringList names;
        for (ComponentId id : ids) {
            QVERIFY(!before.components.contains(id)); // fresh ids
            names.append(doc.design().component(id)->name);
        }
        QVERIFY(names.contains(QStringLiteral("fn 2")));
        QVERIFY(names.contains(QStringLiteral("db")));
        QCOMPARE(doc.design().componentByName(QStringLiteral("db"))->position, QPointF(250, 50));
        QCOMPARE(doc.design().faults.first().target,
                 doc.design().componentByName(QStringLiteral("fn 2"))->id);
        QCOMPARE(spies.added.size(), 2);
        QCOMPARE(spies.wireAdded.size(), 1);
        const Design after = doc.design();
        doc.undoStack()->undo();
        // Everything but nextId is back: ids are never reused, even after an undo.
        QVERIFY(doc.design().components == before.components);
        QVERIFY(doc.design().connections == before.connections);
        QVERIFY(doc.design().faults == before.faults);
        QVERIFY(doc.design().nextId > before.nextId);
        doc.undoStack()->redo();
        QVERIFY(doc.design() == after);
    }

    void modifiedState()
    {
        Document doc;
        Spies spies(&doc);
        QVERIFY(!doc.isModified());
        const auto fn = doc.addComponent(K::Lambda, {}, QStringLiteral("fn"));
        QVERIFY(doc.isModified());
        QCOMPARE(spies.modified.size(), 1);
        QCOMPARE(spies.modified.at(0).at(0).toBool(), true);
        doc.markSaved();
        QVERIFY(!doc.isModified());
        QCOMPARE(spies.modified.last().at(0).toBool(), false);
        doc.setComponentParam(fn, QStringLiteral("memory"), 256);
        QVERIFY(doc.isModified());
        doc.undoStack()->undo(); // back to the saved state
        QVERIFY(!doc.isModified());
        doc.undoStack()->undo(); // before the save
        QVERIFY(doc.isModified());
        doc.undoStack()->redo();
        QVERIFY(!doc.isModified());

        // A refused edit neither modifies nor signals.
        spies.clear();
        QVERIFY(!doc.setComponentParam(fn, QStringLiteral("memory"), 1));
        QVERIFY(!doc.isModified());
        QCOMPARE(spies.changed.size() + spies.modified.size(), 0);

        // Loading a design clears the history.
        Design loaded;
        loaded.name = QStringLiteral("loaded");
        doc.replaceDesign(loaded);
        QCOMPARE(spies.reset.size(), 1);
        QVERIFY(!doc.isModified());
        QCOMPARE(doc.undoStack()->count(), 0);
        QCOMPARE(doc.design().name, QStringLiteral("loaded"));
    }
};

QTEST_GUILESS_MAIN(TestDocument)
#include "document.moc"

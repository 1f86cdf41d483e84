// The .swb project file: lossless round trip, atomic saves that leave the old file intact on
// failure, migrations applied in order on a copy, a hand-made format-1 file, worker threads.

#include "designfixtures.h"

#include "model/projectfile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <unistd.h>

#include <atomic>
#include <memory>
#include <vector>

using namespace swb;
using namespace swb::testing;

namespace {

QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
}

QList<ProjectFile::Migration> withSteps(const QList<ProjectFile::Migration> &extra)
{
    return ProjectFile::migrations() + extra;
}

} // namespace

class TestProjectFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { QVERIFY(m_dir.isValid()); }

    void roundTripOfEveryKind()
    {
        const Design d = fullDesign();
        const QString path = m_dir.filePath(QStringLiteral("full.swb"));
        ProjectFile format;
        QVERIFY2(format.write(path, d), qPrintable(format.errorString()));
        QVERIFY(format.canRead(path));
        Design back;
        QVERIFY2(format.read(path, &back), qPrintable(format.errorString()));
        QCOMPARE(designDiff(d, back), QString());

        // Saving what was read gives the same design again (nothing drifts per save).
        QVERIFY2(format.write(path, back), qPrintable(format.errorString()));
        Design again;
        QVERIFY2(format.read(path, &again), qPrintable(format.errorString()));
        QCOMPARE(designDiff(d, again), QString());
    }

    void newDesignRoundTrip()
    {
        const Design d; // null name, default settings, nothing else
        const QString path = m_dir.filePath(QStringLiteral("new.swb"));
        ProjectFile format;
        QVERIFY2(format.write(path, d), qPrintable(format.errorString()));
        Design back = fullDesign();
        QVERIFY2(format.read(path, &back), qPrintable(format.errorString()));
        QCOMPARE(designDiff(d, back), QString());
    }

    void headerCarriesMagicAndVersion()
    {
        const QString folder = m_dir.filePath(QStringLiteral("header"));
        QVERIFY(QDir().mkpath(folder));
        const QString path = folder + QStringLiteral("/header.swb");
        ProjectFile format;
        QVERIFY(format.write(path, fullDesign()));
        const auto header = ProjectFile::readHeader(path);
        QVERIFY(header);
        QCOMPARE(header->applicationId, ProjectFile::ApplicationId);
        QCOMPARE(header->userVersion, ProjectFile::CurrentVersion);
        QCOMPARE(QFileInfo(path).size(), header->pageSize * header->pageCount);
        QCOMPARE(entries(folder), QStringList{QStringLiteral("header.swb")}); // no temp left
    }

    void failedSaveLeavesOldFile_data()
    {
        QTest::addColumn<QString>("failure");
        QTest::newRow("invalid design") << QStringLiteral("invalid");
        QTest::newRow("failure inside the transaction") << QStringLiteral("transaction");
        QTest::newRow("read-only folder") << QStringLiteral("readonly");
    }

    void failedSaveLeavesOldFile()
    {
        QFETCH(QString, failure);
        const QString folder = m_dir.filePath(failure);
        QVERIFY(QDir().mkpath(folder));
        const QString path = folder + QStringLiteral("/project.swb");
        ProjectFile good;
        QVERIFY(good.write(path, fullDesign()));
        const QByteArray before = contents(path);

        Design changed = fullDesign();
        changed.name = QStringLiteral("changed");
        QString error;
        if (failure == QLatin1String("invalid")) {
            changed.components.first().params[QStringLiteral("pattern")] = QStringLiteral("chaos");
            QVERIFY(!good.write(path, changed));
            error = good.errorString();
            QVERIFY2(error.contains(QLatin1String("chaos")), qPrintable(error));
        } else if (failure == QLatin1String("transaction")) {
            // A format whose schema step fails after the temporary file exists: the failure
            // happens mid-save, inside the transaction.
            ProjectFile broken({{0,
                                 QStringLiteral("broken"),
                                 {QStringLiteral("CREATE TABLE meta (key TEXT)"),
                                  QStringLiteral("CREATE TABLE meta (key TEXT)")}}},
                               1);
            QVERIFY(!broken.write(path, changed));
            error = broken.errorString();
            QVERIFY2(error.contains(QLatin1String("already exists")), qPrintable(error));
        } else {
            if (geteuid() == 0)
                QSKIP("root ignores folder permissions");
            QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::ExeOwner);
            const bool saved = good.write(path, changed);
            QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                              | QFileDevice::ExeOwner);
            QVERIFY(!saved);
            error = good.errorString();
        }
        QVERIFY2(error.contains(path), qPrintable(error));
        QCOMPARE(contents(path), before);
        QCOMPARE(entries(folder), QStringList{QStringLiteral("project.swb")});
    }

    void saveOntoAFolderIsRefused()
    {
        const QString folder = m_dir.filePath(QStringLiteral("folder.swb"));
        QVERIFY(QDir().mkpath(folder));
        ProjectFile format;
        QVERIFY(!format.write(folder, fullDesign()));
        QVERIFY2(format.errorString().contains(QLatin1String("folder")),
                 qPrintable(format.errorString()));
        QVERIFY(QFileInfo(folder).isDir());
        QVERIFY(!format.write(m_dir.filePath(QStringLiteral("missing/x.swb")), fullDesign()));
        QVERIFY2(format.errorString().contains(QLatin1String("does not exist")),
                 qPrintable(format.errorString()));
    }

    // Writing through a link needs force (swb --force, or the GUI's confirmation); then the
    // file it points to is replaced and the link stays.
    void saveThroughASymlinkNeedsForceAndKeepsTheLink()
    {
        const QString folder = m_dir.filePath(QStringLiteral("links"));
        QVERIFY(QDir().mkpath(folder));
        const QString real = folder + QStringLiteral("/real.swb");
        const QString link = folder + QStringLiteral("/link.swb");
        ProjectFile format;
        QVERIFY(format.write(real, Design()));
        QVERIFY(QFile::link(real, link));
        const QByteArray before = contents(real);
        QVERIFY(!format.write(link, fullDesign()));
        QVERIFY2(format.errorString().contains(QLatin1String("symbolic link")),
                 qPrintable(format.errorString()));
        QCOMPARE(contents(real), before);
        format.setForce(true);
        QVERIFY2(format.write(link, fullDesign()), qPrintable(format.errorString()));
        QVERIFY(QFileInfo(link).isSymLink());
        Design back;
        QVERIFY2(format.read(real, &back), qPrintable(format.errorString()));
        QCOMPARE(designDiff(fullDesign(), back), QString());
    }

    void handMadeFormat1FileOpens()
    {
        // Written with plain SQL in the documented format-1 layout, not by the writer: guards
        // the layout itself. Missing parameters get AWS defaults.
        const QString path = m_dir.filePath(QStringLiteral("handmade.swb"));
        QString error;
        QVERIFY2(ProjectFile::migrate(path, ProjectFile::migrations(), 1, &error),
                 qPrintable(error));
        QVERIFY2(ProjectFile::execute(
                     path,
                     {QStringLiteral("PRAGMA application_id = %1").arg(ProjectFile::ApplicationId),
                      QStringLiteral("INSERT INTO meta VALUES ('nextId', 9)"),
                      QStringLiteral("INSERT INTO project VALUES ('Hand made', "
                                     "'{\"freeTier\": false}', '{}')"),
                      QStringLiteral("INSERT INTO components VALUES (1, 'lambda', 'fn', 10.5, "
                                     "-20, '{\"memory\": 512, \"duration\": 250}', '{}')"),
                      QStringLiteral("INSERT INTO components VALUES (2, 'sqs', 'q', 0, 0, '{}', "
                                     "'{\"note\": \"kept\"}')"),
                      QStringLiteral("INSERT INTO connections VALUES (3, "
                                     "'event-source-mapping', 2, 1, '{\"batchSize\": 25}', '{}')"),
                      QStringLiteral("INSERT INTO faults VALUES (4, 'bad-deploy', 1, 60, 30, "
                                     "0.5, 2, 1)")},
                     &error),
                 qPrintable(error));
        ProjectFile format;
        Design d;
        QVERIFY2(format.read(path, &d), qPrintable(format.errorString()));
        QCOMPARE(d.name, QStringLiteral("Hand made"));
        QCOMPARE(d.nextId, 9);
        QCOMPARE(d.settings.value(QStringLiteral("freeTier")), QVariant(false));
        QCOMPARE(d.settings.value(QStringLiteral("accountConcurrency")), QVariant(qlonglong(1000)));
        const Component fn = d.components.value(1);
        QCOMPARE(fn.kind, ComponentKind::Lambda);
        QCOMPARE(fn.position, QPointF(10.5, -20));
        QCOMPARE(fn.params.value(QStringLiteral("memory")).typeId(), int(QMetaType::LongLong));
        QCOMPARE(fn.params.value(QStringLiteral("memory")).toLongLong(), 512);
        QCOMPARE(fn.params.value(QStringLiteral("duration")).typeId(), int(QMetaType::Double));
        QCOMPARE(fn.params.value(QStringLiteral("timeout")), QVariant(qlonglong(3)));
        QCOMPARE(d.components.value(2).extra.value(QStringLiteral("note")).toString(),
                 QStringLiteral("kept"));
        QCOMPARE(d.connections.value(3).params.value(QStringLiteral("batchSize")),
                 QVariant(qlonglong(25)));
        QCOMPARE(d.faults.value(4).errorRate, 0.5);
    }

    void olderFileIsMigratedOnACopyInOrder()
    {
        const QString path = m_dir.filePath(QStringLiteral("old.swb"));
        ProjectFile current;
        QVERIFY(current.write(path, fullDesign()));
        const QByteArray before = contents(path);

        // A future build with two more formats; the suffixes show which step ran first.
        ProjectFile future(
            withSteps({{1,
                        QStringLiteral("a"),
                        {QStringLiteral("UPDATE components SET name = name || '-a'")}},
                       {2,
                        QStringLiteral("b"),
                        {QStringLiteral("UPDATE components SET name = name || '-b'")}}}),
            3);
        Design d;
        QVERIFY2(future.read(path, &d), qPrintable(future.errorString()));
        QVERIFY(d.componentByName(QStringLiteral("worker-a-b")));
        QCOMPARE(d.components.size(), fullDesign().components.size());
        QCOMPARE(contents(path), before); // opening never modifies the user's file
    }

    void failingMigrationChangesNothing()
    {
        const QString path = m_dir.filePath(QStringLiteral("migrate.swb"));
        ProjectFile current;
        QVERIFY(current.write(path, fullDesign()));
        QString error;
        const QList<ProjectFile::Migration> steps = withSteps(
            {{1,
              QStringLiteral("rename"),
              {QStringLiteral("UPDATE components SET name = name || '-a'")}},
             {2, QStringLiteral("impossible"), {QStringLiteral("SELECT * FROM no_such_table")}}});
        QVERIFY(!ProjectFile::migrate(path, steps, 3, &error));
        QVERIFY2(error.contains(QLatin1String("2 to 3"))
                     && error.contains(QLatin1String("impossible")),
                 qPrintable(error));
        QCOMPARE(ProjectFile::readHeader(path)->userVersion, 1);
        Design d;
        QVERIFY2(current.read(path, &d), qPrintable(current.errorString()));
        QVERIFY(d.componentByName(QStringLiteral("worker"))); // step 1 rolled back too

        QVERIFY(!ProjectFile::migrate(path, ProjectFile::migrations(), 2, &error));
        QVERIFY2(error.contains(QLatin1String("no migration from format 1 to 2")),
                 qPrintable(error));

        QVERIFY2(ProjectFile::migrate(path, steps.mid(0, 2), 2, &error), qPrintable(error));
        QCOMPARE(ProjectFile::readHeader(path)->userVersion, 2);
    }

    void workerThreads()
    {
        // Each thread saves and reopens its own file at the same time as the others.
        constexpr int threads = 4;
        std::atomic<int> successes = 0;
        std::vector<std::unique_ptr<QThread>> workers;
        for (int i = 0; i < threads; ++i) {
            const QString path = m_dir.filePath(QStringLiteral("thread%1.swb").arg(i));
            workers.emplace_back(QThread::create([path, &successes] {
                const Design d = fullDesign();
                for (int round = 0; round < 5; ++round) {
                    ProjectFile format;
                    Design back;
                    if (!format.write(path, d) || !format.read(path, &back)
                        || !designDiff(d, back).isEmpty())
                        return;
                }
                ++successes;
            }));
            workers.back()->start();
        }
        for (auto &worker : workers)
            QVERIFY(worker->wait(60000));
        QCOMPARE(successes.load(), threads);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestProjectFile)
#include "projectfile.moc"

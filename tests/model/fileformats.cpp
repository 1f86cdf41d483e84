// The file-format registry (lookup by id, suffix and content). The atomic write every writer
// shares is tested in atomicfile.cpp.

#include "designfixtures.h"

#include "model/fileformat.h"
#include "model/projectfile.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace swb;
using namespace swb::testing;

class TestFileFormats : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { QVERIFY(m_dir.isValid()); }

    void registryListsEachFormatOnce()
    {
        QSet<QString> ids;
        for (const FileFormat *format : FileFormats::all()) {
            QVERIFY2(!ids.contains(format->id()), qPrintable(format->id()));
            ids.insert(format->id());
            QVERIFY(!format->suffixes().isEmpty());
            QVERIFY(
                format->nameFilter().startsWith(format->displayName() + QStringLiteral(" (*.")));
        }
        QVERIFY(ids.contains(QStringLiteral("swb")));
        QCOMPARE(FileFormats::all().first()->id(), QStringLiteral("swb"));
        QCOMPARE(FileFormats::all().first()->nameFilter(),
                 QStringLiteral("Serverless Workbench project (*.swb)"));
    }

    void createGivesFreshInstances()
    {
        auto a = FileFormats::create(QStringLiteral("swb"));
        auto b = FileFormats::create(QStringLiteral("swb"));
        QVERIFY(a && b);
        QVERIFY(a.get() != b.get());
        QVERIFY(!FileFormats::create(QStringLiteral("no-such-format")));
    }

    void forWritingByIdOrSuffix()
    {
        QString error;
        auto byId = FileFormats::forWriting(QStringLiteral("swb"), &error);
        QVERIFY2(byId, qPrintable(error));
        QCOMPARE(byId->id(), QStringLiteral("swb"));
        auto bySuffix = FileFormats::forWriting(QStringLiteral("/some/where/Plan.SWB"), &error);
        QVERIFY2(bySuffix, qPrintable(error));
        QCOMPARE(bySuffix->id(), QStringLiteral("swb"));
        QVERIFY(!FileFormats::forWriting(QStringLiteral("plan.docx"), &error));
        QVERIFY2(error.contains(QLatin1String("plan.docx"))
                     && error.contains(QLatin1String("*.swb")),
                 qPrintable(error));
    }

    void forReadingSniffsContent()
    {
        // A project saved under a foreign suffix is still recognised by its content.
        const QString path = m_dir.filePath(QStringLiteral("backup.dat"));
        ProjectFile project;
        QVERIFY(project.write(path, fullDesign()));
        QString error;
        auto format = FileFormats::forReading(path, &error);
        QVERIFY2(format, qPrintable(error));
        QCOMPARE(format->id(), QStringLiteral("swb"));
        Design back;
        QVERIFY2(format->read(path, &back), qPrintable(format->errorString()));
        QCOMPARE(designDiff(fullDesign(), back), QString());
    }

    void forReadingRefusesWithReasons()
    {
        QString error;
        QVERIFY(!FileFormats::forReading(m_dir.filePath(QStringLiteral("absent.swb")), &error));
        QVERIFY2(error.contains(QLatin1String("does not exist")), qPrintable(error));
        QVERIFY(!FileFormats::forReading(m_dir.path(), &error));
        QVERIFY2(error.contains(QLatin1String("folder")), qPrintable(error));
        const QString other = m_dir.filePath(QStringLiteral("notes.xyz"));
        QFile file(other);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("just some notes\n");
        file.close();
        QVERIFY(!FileFormats::forReading(other, &error));
        QVERIFY2(error.contains(QLatin1String("notes.xyz"))
                     && error.contains(QLatin1String("Serverless Workbench project (*.swb)")),
                 qPrintable(error));
    }

    void dialogFilters()
    {
        const QStringList read = FileFormats::readFilters();
        QVERIFY(read.first().startsWith(QLatin1String("All supported (")));
        QVERIFY(read.first().contains(QLatin1String("*.swb")));
        QVERIFY(read.contains(QStringLiteral("Serverless Workbench project (*.swb)")));
        QVERIFY(FileFormats::writeFilters().contains(
            QStringLiteral("Serverless Workbench project (*.swb)")));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestFileFormats)
#include "fileformats.moc"

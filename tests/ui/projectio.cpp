// The editor's file door: Save writes the SQLite project or, for a .swb.yaml name, the text form
// (the GUI opens and saves it as well as .swb); both count as the user's own project.

#include "ui/projectio.h"

#include "model/design.h"
#include "model/patterns.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace swb;

class TestProjectIo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void savesAndOpensBothNativeFormats_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("start");
        QTest::newRow("project") << QStringLiteral("d.swb") << QByteArray("SQLite format 3");
        QTest::newRow("text") << QStringLiteral("d.swb.yaml") << QByteArray("# Serverless");
    }

    void savesAndOpensBothNativeFormats()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, start);
        QTemporaryDir dir;
        const QString path = dir.filePath(name);
        const Design design = *makePattern(QStringLiteral("kinesis-lambda"));
        QString error;
        QVERIFY2(projectio::writeProject(path, design, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(file.read(start.size()) == start, qPrintable(path));
        Design back;
        bool isProject = false;
        QVERIFY2(projectio::readDesign(path, &back, &error, &isProject), qPrintable(error));
        QVERIFY(isProject);
        QCOMPARE(back, design);
    }

    void saveDialogOffersTheTextForm()
    {
        QVERIFY(projectio::saveFilter().contains(QStringLiteral("*.swb.yaml")));
        QVERIFY(projectio::saveFilter().contains(QStringLiteral("*.swb)")));
    }
};

QTEST_MAIN(TestProjectIo)
#include "projectio.moc"
